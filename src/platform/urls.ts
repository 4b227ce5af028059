/**
 * Where each host serves indexed files and the bridge, named once for every side that builds or
 * parses these addresses: the Electron main process and preload, the dev-server bridge and the
 * browser platform.
 */

/** The custom scheme that serves indexed DICOM files (and nothing else) to the renderer. */
export const DICOM_SCHEME = 'recist-dicom';
export const DICOM_URL_HOST = 'files';
/** The whole absolute path follows as ONE encoded segment, so URL normalisation never rewrites it. */
export const DICOM_URL_PREFIX = `${DICOM_SCHEME}://${DICOM_URL_HOST}/`;

export function dicomFileUrl(path: string): string {
  return DICOM_URL_PREFIX + encodeURIComponent(path);
}

/** Where `npm run web`'s dev server mounts the HTTP platform bridge (src/node/webBridge.ts). */
export const WEB_BRIDGE_PREFIX = '/__recist';

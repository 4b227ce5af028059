/** Identifiers of the read model. */

/**
 * A DICOM UID from a UUID, as PS3.5 B.2 defines: "2.25." then the UUID's 128 bits as one decimal
 * integer. Used as a lesion's Tracking UID (DICOM SR TID 1500): unique and stable forever.
 */
export function uidFromUuid(uuid: string): string {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a UUID: "${uuid}"`);
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

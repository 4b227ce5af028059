import { contextBridge } from 'electron';

// The platform bridge is exposed here once the IPC handlers exist; until then the renderer
// falls back to its web implementation.
contextBridge.exposeInMainWorld('recistHost', { host: 'electron' as const });

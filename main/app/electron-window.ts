import { BrowserWindow, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';

export interface AppWindowPaths {
  preload: string;
  indexHtml: string;
}

/** The renderer's own URL; IPC accepts calls from this page only. */
export function rendererUrl(paths: AppWindowPaths): string {
  return pathToFileURL(paths.indexHtml).toString();
}

/** A hardened window: isolated, sandboxed, no Node, no navigation, no new windows, no permissions. */
export function createAppWindow(paths: AppWindowPaths): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'AIPC Clinical Workstation',
    show: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  const home = rendererUrl(paths);
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== home) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(home);
  return window;
}

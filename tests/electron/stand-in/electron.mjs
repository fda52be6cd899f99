// A stand-in for the `electron` module of Electron 45, enough to run the built out/main/index.js under
// plain Node. It models what matters at first launch (electron.d.ts 45.4.1 and Electron's behaviour):
// a destroyed BrowserWindow or Tray throws "Object has been destroyed" on use; 'close' can be prevented;
// app.quit() runs before-quit, closes windows (each close preventable), will-quit, quit, then exits;
// privileged schemes must be registered before 'ready'; Tray.setTitle shows only on macOS; app.dock exists
// only on macOS. The test drives it over the child-process IPC channel: {id, cmd, args} in, {id, result |
// error} out, and reads back what Electron was told with the 'state' command.
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const platform = process.platform;
const log = [];
const record = (what) => log.push(what);
const uncaught = [];

function destroyedError() {
  return new TypeError('Object has been destroyed');
}

/** Wraps an object so every method throws once it is destroyed, as Electron's wrappers do. */
function guarded(target, isDestroyed) {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      if (typeof value !== 'function' || key === 'isDestroyed' || key === 'constructor') return value;
      return (...args) => {
        if (isDestroyed()) throw destroyedError();
        return value.apply(object, args);
      };
    },
  });
}

let ready = false;
let quitting = false;
const app = new EventEmitter();
const paths = new Map([['appData', env.STANDIN_APPDATA ?? '/nonexistent/appData']]);
Object.assign(app, {
  name: 'spendbar',
  isPackaged: env.STANDIN_PACKAGED === '1',
  loginItems: [],
  appUserModelId: undefined,
  dockHidden: false,
  setName(name) {
    app.name = name;
  },
  getName: () => app.name,
  getPath: (name) => paths.get(name) ?? `/nonexistent/${name}`,
  setPath: (name, path) => void paths.set(name, path),
  getAppPath: () => env.STANDIN_APP_PATH ?? process.cwd(),
  requestSingleInstanceLock: () => env.STANDIN_SECOND_INSTANCE !== '1',
  whenReady: () => readyPromise,
  isReady: () => ready,
  setAppUserModelId(id) {
    app.appUserModelId = id;
  },
  setLoginItemSettings(settings) {
    app.loginItems.push(settings);
  },
  quit() {
    record('app.quit');
    if (quitting) return;
    const event = preventable();
    record('before-quit');
    app.emit('before-quit', event);
    if (event.defaultPrevented) return;
    quitting = true;
    for (const window of [...windows]) {
      if (window.isDestroyed()) continue;
      const close = preventable();
      window.emit('close', close);
      if (close.defaultPrevented) {
        quitting = false;
        record('quit cancelled by a window');
        return;
      }
      window.destroy();
    }
    const willQuit = preventable();
    record('will-quit');
    app.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      quitting = false;
      return;
    }
    record('quit');
    app.emit('quit', {}, 0);
    exit(0);
  },
  exit(code = 0) {
    record(`app.exit(${code})`);
    exit(code);
  },
});
if (platform === 'darwin') {
  app.dock = {
    hide() {
      app.dockHidden = true;
    },
    show() {
      app.dockHidden = false;
    },
  };
}

function preventable() {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

function exit(code) {
  // Electron ends the process here whatever Node still has pending.
  send({ event: 'exit', code, log });
  setImmediate(() => process.exit(code));
}

let resolveReady;
const readyPromise = new Promise((resolve) => {
  resolveReady = resolve;
});
setTimeout(() => {
  ready = true;
  app.emit('ready');
  resolveReady();
}, 10);

// ---- windows ----------------------------------------------------------------------------------------
const windows = [];
let nextContentsId = 1;

class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    if (!ready) throw new Error('Cannot create BrowserWindow before app is ready');
    let destroyed = false;
    const self = guarded(this, () => destroyed);
    this.options = options;
    this.visible = false;
    this.loaded = [];
    this.workspaces = [];
    this.destroyNow = () => {
      if (destroyed) return;
      destroyed = true;
      this.emit('closed');
      record('window closed');
    };
    this.isDestroyed = () => destroyed;
    const contents = new EventEmitter();
    let contentsDestroyed = false;
    Object.assign(contents, {
      id: nextContentsId++,
      sent: [],
      url: '',
      openHandler: undefined,
      send: (channel, payload) => void contents.sent.push({ channel, payload }),
      isDevToolsOpened: () => false,
      isCrashed: () => false,
      setWindowOpenHandler: (handler) => void (contents.openHandler = handler),
      getURL: () => contents.url,
    });
    contents.isDestroyed = () => contentsDestroyed || destroyed;
    this.webContents = guarded(contents, () => contents.isDestroyed());
    this.rawContents = contents;
    windows.push(self);
    app.emit('web-contents-created', {}, this.webContents);
    return self;
  }
  loadURL(url) {
    this.loaded.push(url);
    this.rawContents.url = url;
    const preload = this.options.webPreferences?.preload;
    if (preload && !existsSync(preload)) {
      setImmediate(() => this.rawContents.emit('preload-error', {}, preload, new Error(`ENOENT: no such file or directory, open '${preload}'`)));
    }
    return Promise.resolve();
  }
  setVisibleOnAllWorkspaces(visible, options) {
    this.workspaces.push({ visible, options: options ?? null });
  }
  getSize() {
    return [this.options.width ?? 800, this.options.height ?? 600];
  }
  setPosition() {}
  show() {
    this.visible = true;
  }
  focus() {}
  hide() {
    this.visible = false;
  }
  isVisible() {
    return this.visible;
  }
  /** What Cmd+W / Alt+F4 does: 'close' (preventable), then the window is destroyed. */
  close() {
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroyNow();
  }
  destroy() {
    this.destroyNow();
  }
}

// ---- tray, images, menus ------------------------------------------------------------------------------
const trays = [];

const nativeImage = {
  createFromPath(path) {
    const empty = !existsSync(path);
    return { path, template: false, isEmpty: () => empty, setTemplateImage(flag) { this.template = flag; } };
  },
};

class Tray extends EventEmitter {
  constructor(image) {
    super();
    let destroyed = false;
    this.images = [image];
    this.tooltip = '';
    this.title = '';
    this.titleOptions = undefined;
    this.menu = undefined;
    this.popups = [];
    this.destroy = () => void (destroyed = true);
    this.isDestroyed = () => destroyed;
    const self = guarded(this, () => destroyed);
    trays.push(self);
    return self;
  }
  setImage(image) {
    this.images.push(image);
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setTitle(title, options) {
    // @platform darwin: elsewhere Electron accepts the call and shows nothing.
    if (typeof title !== 'string') throw new TypeError('Error processing argument at index 0, conversion failure from title');
    if (platform !== 'darwin') return;
    this.title = title;
    this.titleOptions = options ?? null;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  popUpContextMenu(menu) {
    this.popups.push(menu);
  }
  setIgnoreDoubleClickEvents() {}
  getBounds() {
    return platform === 'linux' ? { x: 0, y: 0, width: 0, height: 0 } : { x: 1500, y: 0, width: 22, height: 22 };
  }
}

const Menu = { buildFromTemplate: (template) => ({ items: template }) };

// ---- global shortcuts ---------------------------------------------------------------------------------
// electron.d.ts 45: register returns false when another application holds the accelerator ("this call
// will silently fail"); an accelerator Electron cannot parse throws a conversion error. The test names
// the accelerators "held by another app" in STANDIN_HELD_SHORTCUTS (comma-separated).
const heldElsewhere = new Set((env.STANDIN_HELD_SHORTCUTS ?? '').split(',').filter(Boolean));
const shortcuts = new Map();
const MODIFIERS = new Set(['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta']);
function parseAccelerator(accelerator) {
  const parts = String(accelerator).split('+');
  const key = parts.pop();
  if (!key || parts.some((part) => !MODIFIERS.has(part)) || !/^([A-Za-z0-9]|F\d{1,2}|Space|Tab|Enter|Up|Down|Left|Right)$/.test(key)) {
    throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
  }
}
const globalShortcut = {
  register(accelerator, callback) {
    if (!ready) throw new Error('globalShortcut cannot be used before the app is ready');
    parseAccelerator(accelerator);
    record(`globalShortcut.register ${accelerator}`);
    if (heldElsewhere.has(accelerator) || shortcuts.has(accelerator)) return false;
    shortcuts.set(accelerator, callback);
    return true;
  },
  unregister(accelerator) {
    parseAccelerator(accelerator);
    record(`globalShortcut.unregister ${accelerator}`);
    shortcuts.delete(accelerator);
  },
  unregisterAll() {
    shortcuts.clear();
  },
  isRegistered: (accelerator) => shortcuts.has(accelerator),
};

// ---- the rest of the API the main process uses ----------------------------------------------------------
const handlers = new Map();
const ipcMain = {
  handle(channel, handler) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
  removeHandler: (channel) => void handlers.delete(channel),
};

const schemes = [];
const protocolHandlers = new Map();
const protocol = {
  registerSchemesAsPrivileged(list) {
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    schemes.push(...list);
  },
  handle: (scheme, handler) => void protocolHandlers.set(scheme, handler),
};

const sessionState = { headerListeners: [], permissionRequest: undefined, permissionCheck: undefined };
const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (listener) => void sessionState.headerListeners.push(listener) },
    setPermissionRequestHandler: (handler) => void (sessionState.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => void (sessionState.permissionCheck = handler),
  },
};

let online = env.STANDIN_ONLINE !== '0';
const net = {
  isOnline: () => online,
  async fetch(url) {
    const path = new URL(url).pathname;
    return new Response(readFileSync(decodeURIComponent(path)));
  },
};

const powerMonitor = new EventEmitter();
const display = { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 25, width: 1920, height: 1055 } };
const screen = { getCursorScreenPoint: () => ({ x: 100, y: 100 }), getDisplayNearestPoint: () => display, getDisplayMatching: () => display };
const opened = [];
const shell = { openExternal: async (url) => void opened.push(url) };
const errorBoxes = [];
const dialog = { showErrorBox: (title, content) => void errorBoxes.push({ title, content }) };
const notifications = [];
class Notification extends EventEmitter {
  static isSupported = () => true;
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    notifications.push(this);
  }
}
const contextBridge = { exposeInMainWorld() {} };
const ipcRenderer = new EventEmitter();

// ---- the control channel ---------------------------------------------------------------------------------
function send(message) {
  if (process.connected) process.send(message);
}

process.on('uncaughtException', (error) => {
  uncaught.push(String(error?.stack ?? error));
  send({ event: 'uncaught', error: String(error?.stack ?? error) });
});
process.on('unhandledRejection', (error) => {
  uncaught.push(String(error?.stack ?? error));
  send({ event: 'uncaught', error: String(error?.stack ?? error) });
});

function imageName(image) {
  return image?.path ? image.path.split(/[\\/]/).pop() : null;
}

function state() {
  return {
    platform,
    log,
    uncaught,
    dockHidden: app.dockHidden,
    hasDock: app.dock !== undefined,
    appUserModelId: app.appUserModelId ?? null,
    loginItems: app.loginItems,
    schemes: schemes.map((scheme) => scheme.scheme),
    protocolHandlers: [...protocolHandlers.keys()],
    ipcChannels: [...handlers.keys()],
    shortcuts: [...shortcuts.keys()],
    errorBoxes,
    opened,
    windows: windows.map((window) => ({
      destroyed: window.isDestroyed(),
      visible: window.isDestroyed() ? false : window.visible,
      options: window.options,
      loaded: window.loaded,
      workspaces: window.workspaces,
      sent: window.rawContents.sent,
    })),
    trays: trays.map((tray) => ({
      destroyed: tray.isDestroyed(),
      image: imageName(tray.images.at(-1)),
      imageEmpty: tray.images.at(-1)?.isEmpty() ?? true,
      template: tray.images.at(-1)?.template ?? false,
      tooltip: tray.tooltip,
      title: tray.title,
      titleOptions: tray.titleOptions ?? null,
      contextMenu: tray.menu !== undefined,
    })),
    permissionsGranted: ['notifications', 'geolocation', 'media', 'clipboard-sanitized-write'].filter((permission) => sessionState.permissionCheck?.({}, permission)),
  };
}

function lastWindow() {
  const window = windows.at(-1);
  if (!window) throw new Error('no window');
  return window;
}

function menuItems(tray) {
  return (tray.menu ?? tray.popups.at(-1) ?? { items: [] }).items;
}

const commands = {
  state,
  'tray-click': () => trays[0].emit('click', {}, trays[0].getBounds()),
  'tray-right-click': () => trays[0].emit('right-click', {}, trays[0].getBounds()),
  'menu-click': ({ label }) => {
    const tray = trays[0];
    if (platform !== 'linux') tray.emit('right-click', {}, tray.getBounds());
    const item = menuItems(tray).find((entry) => entry.label === label);
    if (!item) throw new Error(`no menu item ${label}`);
    item.click();
  },
  'close-window': () => lastWindow().close(),
  blur: () => lastWindow().emit('blur'),
  'second-instance': () => app.emit('second-instance', {}, [], process.cwd()),
  activate: () => app.emit('activate', {}, false),
  'set-online': ({ value }) => void (online = value),
  suspend: () => powerMonitor.emit('suspend'),
  resume: () => powerMonitor.emit('resume'),
  quit: () => app.quit(),
  'notification-click': () => notifications.at(-1)?.emit('click'),
  /** The user presses a registered global shortcut. */
  'press-shortcut': ({ accelerator }) => {
    const callback = shortcuts.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  },
  notifications: () => notifications.length,
  /** Calls an API handler as the popover's own page would. */
  async invoke({ name, request }) {
    const window = windows.find((candidate) => !candidate.isDestroyed());
    const handler = handlers.get(`spendbar:${name}`);
    if (!handler || !window) throw new Error(`no handler or window for ${name}`);
    const contents = window.rawContents;
    return handler({ sender: { id: contents.id }, senderFrame: { parent: null, url: contents.url } }, request);
  },
  /** What a page would get back from the window-open handler and navigation guard. */
  navigation({ url }) {
    const contents = lastWindow().rawContents;
    const event = { ...preventable(), url };
    contents.emit('will-navigate', event);
    return { prevented: event.defaultPrevented, open: contents.openHandler?.({ url })?.action ?? null };
  },
  headers({ incoming }) {
    let result;
    sessionState.headerListeners[0]?.({ responseHeaders: incoming }, (response) => {
      result = response.responseHeaders;
    });
    return result;
  },
};

process.on('message', async (message) => {
  const command = commands[message?.cmd];
  try {
    if (!command) throw new Error(`unknown command ${message?.cmd}`);
    const result = await command(message.args ?? {});
    send({ id: message.id, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    send({ id: message.id, error: String(error?.message ?? error) });
  }
});
if (env.STANDIN_PACKAGED === '1') process.resourcesPath = env.STANDIN_RESOURCES_PATH ?? join(process.cwd(), 'resources');
send({ event: 'loaded' });

export { app, BrowserWindow, contextBridge, dialog, globalShortcut, ipcMain, ipcRenderer, Menu, nativeImage, net, Notification, powerMonitor, protocol, screen, session, shell, Tray };
export default { app, BrowserWindow, contextBridge, dialog, globalShortcut, ipcMain, ipcRenderer, Menu, nativeImage, net, Notification, powerMonitor, protocol, screen, session, shell, Tray };

import { describe, expect, it } from 'vitest';
import { popoverPosition, taskbarEdge, type PopoverPlacement, type Rect } from './popover-position.js';

const popover = { width: 380, height: 560 };
const fullHd: Rect = { x: 0, y: 0, width: 1920, height: 1080 };

function place(overrides: Partial<PopoverPlacement> & Pick<PopoverPlacement, 'display' | 'platform'>) {
  return popoverPosition({ windowSize: popover, ...overrides });
}

describe('macOS menu bar', () => {
  const display = { bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 800 } };

  it('opens centred under the status item, just below the menu bar', () => {
    const trayBounds = { x: 1200, y: 0, width: 30, height: 24 };
    expect(place({ trayBounds, display, platform: 'darwin' })).toEqual({ x: 1025, y: 25 });
  });

  it('stays on screen when the status item is at the far right', () => {
    const trayBounds = { x: 1400, y: 0, width: 30, height: 24 };
    expect(place({ trayBounds, display, platform: 'darwin' })).toEqual({ x: 1060, y: 25 });
  });

  it('still opens from the top when the Dock sits on the left edge', () => {
    const dockLeft = { bounds: display.bounds, workArea: { x: 80, y: 25, width: 1360, height: 875 } };
    const trayBounds = { x: 600, y: 0, width: 30, height: 24 };
    expect(taskbarEdge({ trayBounds, display: dockLeft, windowSize: popover, platform: 'darwin' })).toBe('top');
    expect(place({ trayBounds, display: dockLeft, platform: 'darwin' })).toEqual({ x: 425, y: 25 });
  });
});

describe('Windows taskbar on each edge', () => {
  it('bottom: above the notification area icon', () => {
    const display = { bounds: fullHd, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
    const trayBounds = { x: 1700, y: 1048, width: 24, height: 24 };
    expect(taskbarEdge({ trayBounds, display, windowSize: popover, platform: 'win32' })).toBe('bottom');
    expect(place({ trayBounds, display, platform: 'win32' })).toEqual({ x: 1522, y: 480 });
  });

  it('top: below the icon, never over the taskbar', () => {
    const display = { bounds: fullHd, workArea: { x: 0, y: 40, width: 1920, height: 1040 } };
    const trayBounds = { x: 1700, y: 8, width: 24, height: 24 };
    expect(taskbarEdge({ trayBounds, display, windowSize: popover, platform: 'win32' })).toBe('top');
    expect(place({ trayBounds, display, platform: 'win32' })).toEqual({ x: 1522, y: 40 });
  });

  it('left: to the right of the taskbar, kept inside the bottom of the work area', () => {
    const display = { bounds: fullHd, workArea: { x: 60, y: 0, width: 1860, height: 1080 } };
    const trayBounds = { x: 18, y: 1000, width: 24, height: 24 };
    expect(taskbarEdge({ trayBounds, display, windowSize: popover, platform: 'win32' })).toBe('left');
    expect(place({ trayBounds, display, platform: 'win32' })).toEqual({ x: 60, y: 520 });
  });

  it('right: to the left of the taskbar', () => {
    const display = { bounds: fullHd, workArea: { x: 0, y: 0, width: 1860, height: 1080 } };
    const trayBounds = { x: 1878, y: 1000, width: 24, height: 24 };
    expect(taskbarEdge({ trayBounds, display, windowSize: popover, platform: 'win32' })).toBe('right');
    expect(place({ trayBounds, display, platform: 'win32' })).toEqual({ x: 1480, y: 520 });
  });

  it('auto-hidden taskbar (work area = whole display): above the icon, as on a bottom taskbar', () => {
    const display = { bounds: fullHd, workArea: fullHd };
    const trayBounds = { x: 1700, y: 1048, width: 24, height: 24 };
    expect(place({ trayBounds, display, platform: 'win32' })).toEqual({ x: 1522, y: 488 });
  });
});

describe('several displays', () => {
  it('secondary display to the left, with negative x', () => {
    const display = {
      bounds: { x: -1920, y: 0, width: 1920, height: 1080 },
      workArea: { x: -1920, y: 0, width: 1920, height: 1040 },
    };
    const trayBounds = { x: -300, y: 1050, width: 24, height: 24 };
    expect(place({ trayBounds, display, platform: 'win32' })).toEqual({ x: -478, y: 480 });
  });

  it('secondary display above, with negative y, clamped into its own work area', () => {
    const display = {
      bounds: { x: 0, y: -1080, width: 1920, height: 1080 },
      workArea: { x: 0, y: -1040, width: 1920, height: 1040 },
    };
    const trayBounds = { x: 1880, y: -1072, width: 24, height: 24 };
    expect(place({ trayBounds, display, platform: 'win32' })).toEqual({ x: 1540, y: -1040 });
  });

  it('secondary display to the right of a Retina laptop, macOS', () => {
    const display = {
      bounds: { x: 1512, y: -200, width: 2560, height: 1440 },
      workArea: { x: 1512, y: -175, width: 2560, height: 1415 },
    };
    const trayBounds = { x: 3800, y: -200, width: 28, height: 24 };
    expect(place({ trayBounds, display, platform: 'darwin' })).toEqual({ x: 3624, y: -175 });
  });
});

describe('tray bounds unknown (Linux AppIndicator)', () => {
  const gnome = { bounds: fullHd, workArea: { x: 0, y: 32, width: 1920, height: 1048 } };

  it('falls back to the top-right corner of the work area', () => {
    expect(place({ trayBounds: undefined, display: gnome, platform: 'linux' })).toEqual({ x: 1540, y: 32 });
  });

  it('treats all-zero bounds as unknown and opens under the pointer', () => {
    const trayBounds = { x: 0, y: 0, width: 0, height: 0 };
    expect(place({ trayBounds, cursor: { x: 1000, y: 10 }, display: gnome, platform: 'linux' })).toEqual({ x: 810, y: 32 });
  });

  it('ignores a pointer that is on another display', () => {
    expect(place({ cursor: { x: -500, y: 10 }, display: gnome, platform: 'linux' })).toEqual({ x: 1540, y: 32 });
  });

  it('bottom panel (KDE): bottom-right corner, above the panel', () => {
    const kde = { bounds: fullHd, workArea: { x: 0, y: 0, width: 1920, height: 1036 } };
    expect(place({ display: kde, platform: 'linux' })).toEqual({ x: 1540, y: 476 });
  });

  it('left panel: beside the panel, level with the pointer', () => {
    const leftPanel = { bounds: fullHd, workArea: { x: 48, y: 0, width: 1872, height: 1080 } };
    expect(place({ cursor: { x: 30, y: 500 }, display: leftPanel, platform: 'linux' })).toEqual({ x: 48, y: 220 });
  });

  it('no panel at all: top-right on Linux, bottom-right on Windows', () => {
    const bare = { bounds: fullHd, workArea: fullHd };
    expect(place({ display: bare, platform: 'linux' })).toEqual({ x: 1540, y: 0 });
    expect(place({ display: bare, platform: 'win32' })).toEqual({ x: 1540, y: 520 });
  });
});

describe('clamping', () => {
  it('keeps the top-left corner visible when the window is taller than the work area', () => {
    const small = { bounds: { x: 0, y: 0, width: 1024, height: 600 }, workArea: { x: 0, y: 25, width: 1024, height: 575 } };
    const trayBounds = { x: 900, y: 0, width: 30, height: 24 };
    const tall = popoverPosition({ trayBounds, display: small, windowSize: { width: 380, height: 800 }, platform: 'darwin' });
    expect(tall).toEqual({ x: 644, y: 25 });
  });

  it('returns whole pixels for fractional (scaled) tray bounds', () => {
    const display = { bounds: fullHd, workArea: fullHd };
    const trayBounds = { x: 1700.4, y: 1048.6, width: 24.5, height: 24.5 };
    const position = place({ trayBounds, display, platform: 'win32' });
    expect(position).toEqual({ x: 1523, y: 489 });
  });
});

/**
 * Where the popover opens: under (or beside) the tray icon, inside the work area of the tray's display.
 * Pure, so every taskbar edge and display layout is unit-tested; after max-mapper/menubar's
 * getWindowPosition, but reading the taskbar edge from the tray's own bounds where they are known.
 * All values are Electron screen coordinates (DIP); secondary displays may have negative origins.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export type TaskbarEdge = 'top' | 'bottom' | 'left' | 'right';

export interface PopoverPlacement {
  /** `tray.getBounds()` or the click event's bounds; undefined or all-zero on most Linux desktops. */
  trayBounds?: Rect | undefined;
  windowSize: { width: number; height: number };
  /** The display holding the tray (or the cursor, when the tray's bounds are unknown). */
  display: { bounds: Rect; workArea: Rect };
  /** Where the pointer is; used only when the tray's bounds are unknown. */
  cursor?: Point | undefined;
  platform: NodeJS.Platform;
}

/** Linux (AppIndicator) reports no tray geometry, and some Windows versions report 0x0 before first paint. */
export function isKnownBounds(rect: Rect | undefined): rect is Rect {
  return rect !== undefined && rect.width > 0 && rect.height > 0;
}

function contains(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height;
}

function center(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

/** The tray icon lives in the strip between the display's bounds and its work area: which side is it? */
function edgeOfTray(tray: Rect, workArea: Rect): TaskbarEdge | undefined {
  const middle = center(tray);
  if (middle.y < workArea.y) return 'top';
  if (middle.y >= workArea.y + workArea.height) return 'bottom';
  if (middle.x < workArea.x) return 'left';
  if (middle.x >= workArea.x + workArea.width) return 'right';
  return undefined; // an auto-hiding taskbar leaves the work area the whole display
}

/** Without tray bounds, the widest strip the work area leaves free is the taskbar (menubar's approach). */
function edgeOfWorkArea({ bounds, workArea }: PopoverPlacement['display']): TaskbarEdge | undefined {
  const gaps: [TaskbarEdge, number][] = [
    ['top', workArea.y - bounds.y],
    ['bottom', bounds.y + bounds.height - (workArea.y + workArea.height)],
    ['left', workArea.x - bounds.x],
    ['right', bounds.x + bounds.width - (workArea.x + workArea.width)],
  ];
  const [edge, gap] = gaps.reduce((widest, candidate) => (candidate[1] > widest[1] ? candidate : widest));
  return gap > 0 ? edge : undefined;
}

/** Which screen edge the tray sits on. */
export function taskbarEdge(placement: PopoverPlacement): TaskbarEdge {
  // macOS status items are always in the menu bar, even when the Dock takes the left or bottom edge.
  if (placement.platform === 'darwin') return 'top';
  const fromTray = isKnownBounds(placement.trayBounds)
    ? edgeOfTray(placement.trayBounds, placement.display.workArea)
    : undefined;
  return fromTray ?? edgeOfWorkArea(placement.display) ?? (placement.platform === 'win32' ? 'bottom' : 'top');
}

function clamp(value: number, min: number, max: number): number {
  // A window larger than the work area keeps its top-left corner visible.
  return Math.max(min, Math.min(value, max));
}

function clampIntoWorkArea(position: Point, size: PopoverPlacement['windowSize'], workArea: Rect): Point {
  return {
    x: Math.round(clamp(position.x, workArea.x, workArea.x + workArea.width - size.width)),
    y: Math.round(clamp(position.y, workArea.y, workArea.y + workArea.height - size.height)),
  };
}

/** Next to a known tray icon: centred on it, on the work-area side of the taskbar. */
function besideTray(tray: Rect, edge: TaskbarEdge, size: PopoverPlacement['windowSize']): Point {
  const middle = center(tray);
  switch (edge) {
    case 'top':
      return { x: middle.x - size.width / 2, y: tray.y + tray.height };
    case 'bottom':
      return { x: middle.x - size.width / 2, y: tray.y - size.height };
    case 'left':
      return { x: tray.x + tray.width, y: middle.y - size.height / 2 };
    case 'right':
      return { x: tray.x - size.width, y: middle.y - size.height / 2 };
  }
}

/**
 * Tray bounds unknown: near the pointer along the taskbar (the user just clicked the icon or its menu),
 * or else the work-area corner where trays usually are (top-right, or bottom-right above a Windows taskbar).
 */
function withoutTray(placement: PopoverPlacement, edge: TaskbarEdge): Point {
  const { workArea } = placement.display;
  const { width, height } = placement.windowSize;
  const right = workArea.x + workArea.width - width;
  const bottom = workArea.y + workArea.height - height;
  const cursor = placement.cursor && contains(placement.display.bounds, placement.cursor) ? placement.cursor : undefined;
  switch (edge) {
    case 'top':
      return { x: cursor ? cursor.x - width / 2 : right, y: workArea.y };
    case 'bottom':
      return { x: cursor ? cursor.x - width / 2 : right, y: bottom };
    case 'left':
      return { x: workArea.x, y: cursor ? cursor.y - height / 2 : bottom };
    case 'right':
      return { x: right, y: cursor ? cursor.y - height / 2 : bottom };
  }
}

/** The popover's top-left corner, always fully inside the display's work area. */
export function popoverPosition(placement: PopoverPlacement): Point {
  const edge = taskbarEdge(placement);
  const position = isKnownBounds(placement.trayBounds)
    ? besideTray(placement.trayBounds, edge, placement.windowSize)
    : withoutTray(placement, edge);
  return clampIntoWorkArea(position, placement.windowSize, placement.display.workArea);
}

import type { RgbaImage } from './png';

/**
 * The DARE Coach icons, drawn from signed distance functions in a unit square (negative inside) and
 * supersampled for smooth edges: a speech bubble (a conversation) holding a shield (safety).
 */
type Point = readonly [number, number];
type Sdf = (x: number, y: number) => number;
type Rgb = readonly [number, number, number];

/** The accent colour; the manifest's `accentColor` is the same value. */
export const accentHex = '#5B2A86';
const accent: Rgb = [0x5b, 0x2a, 0x86];
const white: Rgb = [255, 255, 255];

/** 192×192 full-colour icon: white bubble and purple shield with a white tick, on purple. */
export function drawColorIcon(size = 192): RgbaImage {
  const bubble = speechBubble(0.17, 0.2, 0.83, 0.68, 0.11, [0.26, 0.84]);
  const shield = shieldShape(0.5, 0.27, 0.25, 0.34);
  const tick = thickPolyline(
    [
      [0.44, 0.43],
      [0.49, 0.48],
      [0.565, 0.375],
    ],
    0.028,
  );
  const layers: readonly (readonly [Sdf, readonly number[]])[] = [
    [tick, [...white, 255]],
    [shield, [...accent, 255]],
    [bubble, [...white, 255]],
  ];
  const background = [...accent, 255];
  return render(size, (x, y) => layers.find(([shape]) => shape(x, y) <= 0)?.[1] ?? background);
}

/** 32×32 outline icon: white bubble outline and solid white shield on transparent. */
export function drawOutlineIcon(size = 32): RgbaImage {
  const bubble = speechBubble(0.05, 0.08, 0.95, 0.72, 0.16, [0.18, 0.96]);
  const stroke = 2.2 / size;
  const outline: Sdf = (x, y) => Math.abs(bubble(x, y) + stroke / 2) - stroke / 2;
  const shield = shieldShape(0.5, 0.22, 0.34, 0.4);
  const ink = [...white, 255];
  const clear = [...white, 0];
  return render(size, (x, y) => (outline(x, y) <= 0 || shield(x, y) <= 0 ? ink : clear));
}

/** Samples `paint` on a 4×4 grid per pixel and averages (alpha-weighted colour). */
function render(size: number, paint: (x: number, y: number) => readonly number[]): RgbaImage {
  const grid = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < grid; sy += 1) {
        for (let sx = 0; sx < grid; sx += 1) {
          const [r, g, b, a] = paint(
            (px + (sx + 0.5) / grid) / size,
            (py + (sy + 0.5) / grid) / size,
          );
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const at = (py * size + px) * 4;
      const alpha = sum[3];
      for (let c = 0; c < 3; c += 1) rgba[at + c] = alpha === 0 ? 0 : Math.round(sum[c] / alpha);
      rgba[at + 3] = Math.round(alpha / (grid * grid));
    }
  }
  return { width: size, height: size, rgba };
}

/** A rounded rectangle with a tail from its lower-left towards `tip`. */
function speechBubble(x0: number, y0: number, x1: number, y1: number, r: number, tip: Point): Sdf {
  const box = roundedRect(x0, y0, x1, y1, r);
  const w = x1 - x0;
  // The wedge starts well inside the box so that, outlined, the bubble stays open into the tail.
  const tail = polygon([[x0 + w * 0.12, y1 - 0.14], [x0 + w * 0.42, y1 - 0.14], tip]);
  return (x, y) => Math.min(box(x, y), tail(x, y));
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Sdf {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** A heraldic shield: straight sides for the top 45%, then curving in to a point. */
function shieldShape(cx: number, top: number, width: number, height: number): Sdf {
  const points: Point[] = [];
  const shoulder = top + height * 0.45;
  const steps = 24;
  for (let i = 0; i <= steps; i += 1) {
    const t = i / steps;
    points.push([cx + (width / 2) * (1 - t * t), shoulder + (top + height - shoulder) * t]);
  }
  const right = [[cx + width / 2, top] as Point, ...points];
  const left = right.map(([x, y]): Point => [2 * cx - x, y]).reverse();
  return polygon([...right, ...left.slice(1)]);
}

function thickPolyline(points: readonly Point[], halfWidth: number): Sdf {
  return (x, y) => {
    let best = Infinity;
    for (let i = 1; i < points.length; i += 1)
      best = Math.min(best, segmentDistance([x, y], points[i - 1], points[i]));
    return best - halfWidth;
  };
}

/**
 * Signed distance to a simple polygon (even-odd inside test): exact within its bounding box, and
 * outside it the distance to the box, a positive lower bound. Callers only compare against zero
 * or a band inside the shape, so the shortcut changes no pixel and makes drawing fast.
 */
function polygon(points: readonly Point[]): Sdf {
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  return (x, y) => {
    const outside = Math.hypot(Math.max(minX - x, 0, x - maxX), Math.max(minY - y, 0, y - maxY));
    if (outside > 0) return outside;
    let distance = Infinity;
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i, i += 1) {
      const [ax, ay] = points[j];
      const [bx, by] = points[i];
      distance = Math.min(distance, segmentDistance([x, y], points[j], points[i]));
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
    return inside ? -distance : distance;
  };
}

function segmentDistance([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSquared));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

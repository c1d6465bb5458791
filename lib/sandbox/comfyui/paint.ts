/**
 * Paints the sandbox's stand-in for a diffusion result: a soft abstract
 * picture that is a pure function of (prompt, seed, batch index).
 *
 * The prompt picks the colour family and the seed picks the composition, so —
 * like a real model — re-running a prompt with new seeds gives related but
 * clearly different pictures, and the same seed reproduces the same bytes.
 * Everything is plain arithmetic in one pass over the pixels, so a 512×512
 * picture takes a few milliseconds.
 */

export type PaintRequest = {
  width: number;
  height: number;
  /** The sampler's seed; any JSON number (ComfyUI seeds go up to 2^64). */
  seed: number;
  /** Position in the latent batch: each batch image is a different picture. */
  batchIndex: number;
  prompt: string;
};

type Rgb = [number, number, number];

type Blob = {
  x: number;
  y: number;
  radius: number;
  color: Rgb;
  strength: number;
  /** Glows lighten (screen blend); the others tint (normal blend). */
  glow: boolean;
};

type Scene = {
  stops: [Rgb, Rgb, Rgb];
  /** Gradient direction, pre-scaled so the projection spans 0..1 over the image. */
  dirX: number;
  dirY: number;
  waveAmplitude: number;
  waveFrequency: number;
  wavePhase: number;
  blobs: Blob[];
  vignette: number;
};

/** Returns `width * height * 4` bytes of opaque RGBA, top row first. */
export function paintPicture(request: PaintRequest): Uint8Array {
  const scene = composeScene(request);
  return rasterize(request.width, request.height, scene);
}

function composeScene({ width, height, seed, batchIndex, prompt }: PaintRequest): Scene {
  const promptHash = hashString(prompt);
  // Hash the seed's text rather than doing seed + index arithmetic: above 2^53
  // (most random ComfyUI seeds) adjacent integers are the same double.
  const imageHash = mix32(hashString(`${seed}`) ^ mix32(batchIndex + 0x9e3779b9));
  const random = mulberry32(mix32(promptHash ^ imageHash));

  const baseHue = (promptHash % 3600) / 10;
  const hue = baseHue + (random() - 0.5) * 70;
  const angle = random() * Math.PI * 2;
  const scale = Math.abs(Math.cos(angle)) + Math.abs(Math.sin(angle));
  const size = Math.min(width, height);

  return {
    stops: gradientStops(hue, random),
    dirX: Math.cos(angle) / scale,
    dirY: Math.sin(angle) / scale,
    waveAmplitude: 0.04 + random() * 0.08,
    waveFrequency: 2 + random() * 5,
    wavePhase: random() * Math.PI * 2,
    blobs: placeBlobs(width, height, size, hue, random),
    vignette: 0.25 + random() * 0.2,
  };
}

/** Dark → mid → light stops in a harmony (analogous, split, triadic) around `hue`. */
function gradientStops(hue: number, random: () => number): [Rgb, Rgb, Rgb] {
  const harmonies = [
    [0, 30, 60],
    [0, -40, 150],
    [0, 120, 240],
    [0, 180, 30],
  ] as const;
  const [a, b, c] = harmonies[Math.floor(random() * harmonies.length)] ?? harmonies[0];
  const saturation = 0.45 + random() * 0.3;
  return [
    hslToRgb(hue + a, saturation, 0.16 + random() * 0.1),
    hslToRgb(hue + b, saturation + 0.1, 0.42 + random() * 0.12),
    hslToRgb(hue + c, saturation, 0.7 + random() * 0.12),
  ];
}

function placeBlobs(width: number, height: number, size: number, hue: number, random: () => number): Blob[] {
  const count = 4 + Math.floor(random() * 4);
  const blobs: Blob[] = [];
  for (let i = 0; i < count; i++) {
    const glow = i >= count - 2; // the last two sit on top as highlights
    blobs.push({
      x: (0.1 + random() * 0.8) * width,
      y: (0.1 + random() * 0.8) * height,
      radius: size * (glow ? 0.12 + random() * 0.18 : 0.2 + random() * 0.35),
      color: hslToRgb(hue + (random() - 0.5) * 120, 0.45 + random() * 0.3, glow ? 0.7 : 0.35 + random() * 0.3),
      strength: glow ? 0.45 + random() * 0.35 : 0.55 + random() * 0.35,
      glow,
    });
  }
  return blobs;
}

function rasterize(width: number, height: number, scene: Scene): Uint8Array {
  // Clamped so rounding and blending can never wrap a channel past 255.
  const out = new Uint8ClampedArray(width * height * 4);
  const [c0, c1, c2] = scene.stops;
  const wave = columnWave(width, scene);
  const color: Rgb = [0, 0, 0];

  for (let y = 0; y < height; y++) {
    const ny = height > 1 ? y / (height - 1) : 0.5;
    const rowBlobs = scene.blobs.filter((blob) => Math.abs(y - blob.y) < blob.radius);
    for (let x = 0; x < width; x++) {
      const nx = width > 1 ? x / (width - 1) : 0.5;
      const t = clamp01((nx - 0.5) * scene.dirX + (ny - 0.5) * scene.dirY + 0.5 + (wave[x] ?? 0) * (1 - ny));
      gradientAt(t, c0, c1, c2, color);
      for (const blob of rowBlobs) applyBlob(blob, x, y, color);
      const shade = vignetteAt(nx, ny, scene.vignette);
      const i = (y * width + x) * 4;
      out[i] = color[0] * shade;
      out[i + 1] = color[1] * shade;
      out[i + 2] = color[2] * shade;
      out[i + 3] = 255;
    }
  }
  return new Uint8Array(out.buffer);
}

/** A gentle horizontal wave bends the gradient so it reads as a landscape, not a ramp. */
function columnWave(width: number, scene: Scene): Float32Array {
  const wave = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const nx = width > 1 ? x / (width - 1) : 0.5;
    wave[x] = Math.sin(nx * scene.waveFrequency + scene.wavePhase) * scene.waveAmplitude;
  }
  return wave;
}

function gradientAt(t: number, c0: Rgb, c1: Rgb, c2: Rgb, out: Rgb): void {
  const lower = t < 0.5;
  const from = lower ? c0 : c1;
  const to = lower ? c1 : c2;
  const local = lower ? t * 2 : t * 2 - 1;
  const s = local * local * (3 - 2 * local); // smoothstep hides the seam at the middle stop
  out[0] = from[0] + (to[0] - from[0]) * s;
  out[1] = from[1] + (to[1] - from[1]) * s;
  out[2] = from[2] + (to[2] - from[2]) * s;
}

function applyBlob(blob: Blob, x: number, y: number, color: Rgb): void {
  const dx = (x - blob.x) / blob.radius;
  const dy = (y - blob.y) / blob.radius;
  const d2 = dx * dx + dy * dy;
  if (d2 >= 1) return;
  // (1 - d²)² falls to zero with zero slope at the rim: soft, no visible edge.
  const falloff = (1 - d2) * (1 - d2) * blob.strength;
  for (let c = 0; c < 3; c++) {
    const base = color[c] as number;
    const paint = blob.color[c] as number;
    const target = blob.glow ? 255 - ((255 - base) * (255 - paint)) / 255 : paint;
    color[c] = base + (target - base) * falloff;
  }
}

function vignetteAt(nx: number, ny: number, strength: number): number {
  const dx = nx - 0.5;
  const dy = ny - 0.5;
  return 1 - strength * (dx * dx + dy * dy) * 2; // 1 at the centre, 1 - strength in the corners
}

function hslToRgb(hueDegrees: number, saturation: number, lightness: number): Rgb {
  const h = (((hueDegrees % 360) + 360) % 360) / 360;
  const s = clamp01(saturation);
  const l = clamp01(lightness);
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  return [hueToChannel(p, q, h + 1 / 3) * 255, hueToChannel(p, q, h) * 255, hueToChannel(p, q, h - 1 / 3) * 255];
}

function hueToChannel(p: number, q: number, t: number): number {
  const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
  if (u < 1 / 6) return p + (q - p) * 6 * u;
  if (u < 1 / 2) return q;
  if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
  return p;
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** FNV-1a over UTF-16 code units: stable across runs and platforms. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Avalanche step (murmur3 finaliser) so nearby inputs give unrelated outputs. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32: tiny, fast, good enough to place blobs. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

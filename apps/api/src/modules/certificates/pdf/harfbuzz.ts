import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nodeRequire } from './node-require';

/*
 * Thin bindings to the HarfBuzz WebAssembly builds that ship in the
 * `harfbuzzjs` package: `harfbuzz.wasm` for shaping, `harfbuzz-subset.wasm`
 * for subsetting fonts before they are embedded in a PDF.
 *
 * harfbuzzjs' own JavaScript wrapper (1.x) is an ES module with top-level
 * `await`, which neither the API's CommonJS webpack bundle nor Jest can
 * `require()`. The wasm files themselves export HarfBuzz's public C API
 * (hb_buffer_*, hb_shape, hb_subset_*), so we call that directly; the C API
 * and its struct layouts are HarfBuzz's stable ABI.
 */

/** One positioned glyph; all values in font units. */
export interface ShapedGlyph {
  /** Glyph id in the font (what HarfBuzz calls `codepoint` after shaping). */
  gid: number;
  /** UTF-16 offset in the string given to `shape` of the first character this glyph came from. */
  cluster: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface ShapeOptions {
  /** ISO 15924 script tag, e.g. 'Thai', 'Mymr', 'Latn'. */
  script: string;
  /** BCP 47 language tag (affects `locl` forms), e.g. 'th', 'zh-Hans'. */
  language?: string;
  rtl: boolean;
  /** Beginning / end of paragraph: lets HarfBuzz use the surrounding text as context otherwise. */
  bot: boolean;
  eot: boolean;
}

interface WasmExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, lengthPtr: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
}

interface ShaperExports extends WasmExports {
  __wasm_call_ctors(): void;
  hb_face_get_upem(face: number): number;
  hb_font_create(face: number): number;
  hb_font_get_nominal_glyph(font: number, unicode: number, glyphPtr: number): number;
  hb_font_get_glyph_h_advance(font: number, glyph: number): number;
  hb_font_get_glyph_extents(font: number, glyph: number, extentsPtr: number): number;
  hb_buffer_create(): number;
  hb_buffer_destroy(buffer: number): void;
  hb_buffer_clear_contents(buffer: number): void;
  hb_buffer_add_utf16(buffer: number, text: number, textLength: number, itemOffset: number, itemLength: number): void;
  hb_buffer_set_direction(buffer: number, direction: number): void;
  hb_buffer_set_script(buffer: number, script: number): void;
  hb_buffer_set_language(buffer: number, language: number): void;
  hb_buffer_set_flags(buffer: number, flags: number): void;
  hb_buffer_guess_segment_properties(buffer: number): void;
  hb_buffer_get_length(buffer: number): number;
  hb_buffer_get_glyph_infos(buffer: number, lengthPtr: number): number;
  hb_buffer_get_glyph_positions(buffer: number, lengthPtr: number): number;
  hb_script_from_string(str: number, length: number): number;
  hb_language_from_string(str: number, length: number): number;
  hb_shape(font: number, buffer: number, features: number, numFeatures: number): void;
}

interface SubsetExports extends WasmExports {
  _initialize(): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;
const HB_DIRECTION_LTR = 4;
const HB_DIRECTION_RTL = 5;
const HB_BUFFER_FLAG_BOT = 0x1;
const HB_BUFFER_FLAG_EOT = 0x2;
// hb_subset_sets_t
const HB_SUBSET_SETS_GLYPH_INDEX = 0;
const HB_SUBSET_SETS_UNICODE = 1;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
// hb_subset_flags_t
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;
const HB_SUBSET_FLAGS_RETAIN_GIDS = 0x2;
const HB_SUBSET_FLAGS_NOTDEF_OUTLINE = 0x40;
/** Tables a PDF viewer never reads from an embedded TrueType font. */
const DROPPED_TABLES = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'JSTF', 'MATH', 'STAT', 'meta', 'DSIG', 'vhea', 'vmtx', 'VORG'];
// sizeof(hb_glyph_info_t) == sizeof(hb_glyph_position_t) == 20 bytes (5 x 32 bit).
const RECORD_WORDS = 5;

let wasmDir: string | undefined;
const compiled = new Map<string, WebAssembly.Module>();

function wasmModule(file: string): WebAssembly.Module {
  let mod = compiled.get(file);
  if (!mod) {
    // The package's export map exposes exactly `./dist/*.wasm`.
    wasmDir ??= dirname(((require: NodeRequire) => require.resolve('harfbuzzjs/dist/harfbuzz.wasm'))(nodeRequire));
    mod = new WebAssembly.Module(readFileSync(join(wasmDir, file)));
    compiled.set(file, mod);
  }
  return mod;
}

function tag(name: string): number {
  return (
    ((name.charCodeAt(0) << 24) | (name.charCodeAt(1) << 16) | (name.charCodeAt(2) << 8) | name.charCodeAt(3)) >>> 0
  );
}

/** Copies bytes into wasm memory; the caller owns (and frees) the pointer. */
function copyIn(ex: WasmExports, bytes: Uint8Array): number {
  const ptr = ex.malloc(bytes.length);
  if (!ptr) throw new Error('HarfBuzz: out of memory');
  new Uint8Array(ex.memory.buffer, ptr, bytes.length).set(bytes);
  return ptr;
}

/** A face + font pair living in the shaper's memory for the life of the shaper. */
export interface HbFont {
  readonly font: number;
  readonly upem: number;
}

/** HarfBuzz shaping (`harfbuzz.wasm`). One instance owns its own wasm memory. */
export class HarfBuzzShaper {
  private readonly ex: ShaperExports;
  private readonly buffer: number;
  private readonly glyphPtr: number;
  private readonly extentsPtr: number;
  private readonly scripts = new Map<string, number>();
  private readonly languages = new Map<string, number>();

  constructor() {
    const imports = emscriptenImports(() => this.ex.memory);
    const instance = new WebAssembly.Instance(wasmModule('harfbuzz.wasm'), imports);
    this.ex = instance.exports as unknown as ShaperExports;
    this.ex.__wasm_call_ctors();
    this.buffer = this.ex.hb_buffer_create();
    this.glyphPtr = this.ex.malloc(4);
    this.extentsPtr = this.ex.malloc(16);
  }

  /** Loads a font; the data stays in wasm memory as long as the shaper lives. */
  loadFont(data: Uint8Array): HbFont {
    const ex = this.ex;
    const ptr = copyIn(ex, data);
    const blob = ex.hb_blob_create(ptr, data.length, HB_MEMORY_MODE_READONLY, 0, 0);
    const face = ex.hb_face_create(blob, 0);
    ex.hb_blob_destroy(blob);
    // hb_font_create sets the scale to the face's units per em, so all positions come back in font units.
    return { font: ex.hb_font_create(face), upem: ex.hb_face_get_upem(face) };
  }

  /** The font's glyph for a code point (cmap), or 0 when it has none. */
  nominalGlyph(font: HbFont, codePoint: number): number {
    if (!this.ex.hb_font_get_nominal_glyph(font.font, codePoint, this.glyphPtr)) return 0;
    return new Uint32Array(this.ex.memory.buffer, this.glyphPtr, 1)[0];
  }

  advance(font: HbFont, gid: number): number {
    return this.ex.hb_font_get_glyph_h_advance(font.font, gid);
  }

  /** Ink extent of a glyph above (top) and below (bottom, negative) the baseline, in font units. */
  verticalExtents(font: HbFont, gid: number): { top: number; bottom: number } {
    if (!this.ex.hb_font_get_glyph_extents(font.font, gid, this.extentsPtr)) return { top: 0, bottom: 0 };
    // hb_glyph_extents_t: x_bearing, y_bearing, width, height (height is negative, downwards).
    const [, yBearing, , height] = new Int32Array(this.ex.memory.buffer, this.extentsPtr, 4);
    return { top: yBearing, bottom: yBearing + height };
  }

  /**
   * Shapes `text.slice(start, end)`, with the rest of `text` as context.
   * Glyphs come back in visual (left-to-right) order; clusters index `text`.
   */
  shape(font: HbFont, text: string, start: number, end: number, options: ShapeOptions): ShapedGlyph[] {
    const ex = this.ex;
    const buffer = this.buffer;
    ex.hb_buffer_clear_contents(buffer);
    const textPtr = ex.malloc(Math.max(1, text.length * 2));
    try {
      const units = new Uint16Array(ex.memory.buffer, textPtr, text.length);
      for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
      ex.hb_buffer_add_utf16(buffer, textPtr, text.length, start, end - start);
    } finally {
      ex.free(textPtr);
    }
    ex.hb_buffer_set_direction(buffer, options.rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    ex.hb_buffer_set_script(buffer, this.script(options.script));
    if (options.language) ex.hb_buffer_set_language(buffer, this.language(options.language));
    ex.hb_buffer_set_flags(buffer, (options.bot ? HB_BUFFER_FLAG_BOT : 0) | (options.eot ? HB_BUFFER_FLAG_EOT : 0));
    ex.hb_buffer_guess_segment_properties(buffer);
    ex.hb_shape(font.font, buffer, 0, 0);

    const count = ex.hb_buffer_get_length(buffer);
    const infos = ex.hb_buffer_get_glyph_infos(buffer, 0) >> 2;
    const positions = ex.hb_buffer_get_glyph_positions(buffer, 0) >> 2;
    const u32 = new Uint32Array(ex.memory.buffer);
    const i32 = new Int32Array(ex.memory.buffer);
    const glyphs: ShapedGlyph[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const info = infos + i * RECORD_WORDS;
      const pos = positions + i * RECORD_WORDS;
      glyphs[i] = {
        gid: u32[info],
        cluster: u32[info + 2],
        xAdvance: i32[pos],
        xOffset: i32[pos + 2],
        yOffset: i32[pos + 3],
      };
    }
    return glyphs;
  }

  private script(iso15924: string): number {
    let value = this.scripts.get(iso15924);
    if (value === undefined) {
      value = this.withAscii(iso15924, (ptr, length) => this.ex.hb_script_from_string(ptr, length));
      this.scripts.set(iso15924, value);
    }
    return value;
  }

  private language(bcp47: string): number {
    let value = this.languages.get(bcp47);
    if (value === undefined) {
      // hb_language_t values are interned for the life of the module.
      value = this.withAscii(bcp47, (ptr, length) => this.ex.hb_language_from_string(ptr, length));
      this.languages.set(bcp47, value);
    }
    return value;
  }

  private withAscii<T>(text: string, use: (ptr: number, length: number) => T): T {
    const ptr = copyIn(this.ex, Buffer.from(text, 'latin1'));
    try {
      return use(ptr, text.length);
    } finally {
      this.ex.free(ptr);
    }
  }
}

/** hb-subset (`harfbuzz-subset.wasm`), which needs no imports. */
export class HarfBuzzSubsetter {
  private readonly ex: SubsetExports;

  constructor() {
    const instance = new WebAssembly.Instance(wasmModule('harfbuzz-subset.wasm'), {});
    this.ex = instance.exports as unknown as SubsetExports;
    this.ex._initialize();
  }

  /** Loads a font for subsetting; returns the face handle. */
  loadFace(data: Uint8Array): number {
    const ex = this.ex;
    const ptr = copyIn(ex, data);
    const blob = ex.hb_blob_create(ptr, data.length, HB_MEMORY_MODE_READONLY, 0, 0);
    const face = ex.hb_face_create(blob, 0);
    ex.hb_blob_destroy(blob);
    return face;
  }

  /**
   * A TrueType font with only the given glyphs. Glyph ids are kept
   * (RETAIN_GIDS), so a PDF can address them with CIDToGIDMap /Identity;
   * the unused slots are empty and compress to almost nothing. Layout
   * tables and hinting are dropped: the PDF carries positioned glyphs.
   */
  subset(face: number, glyphs: Iterable<number>, codePoints: Iterable<number>): Buffer {
    const ex = this.ex;
    const input = ex.hb_subset_input_create_or_fail();
    if (!input) throw new Error('HarfBuzz: cannot create a subset input');
    let result = 0;
    try {
      const glyphSet = ex.hb_subset_input_set(input, HB_SUBSET_SETS_GLYPH_INDEX);
      for (const gid of glyphs) ex.hb_set_add(glyphSet, gid);
      const unicodeSet = ex.hb_subset_input_set(input, HB_SUBSET_SETS_UNICODE);
      for (const codePoint of codePoints) ex.hb_set_add(unicodeSet, codePoint);
      const dropSet = ex.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
      for (const name of DROPPED_TABLES) ex.hb_set_add(dropSet, tag(name));
      ex.hb_subset_input_set_flags(
        input,
        HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE,
      );
      result = ex.hb_subset_or_fail(face, input);
    } finally {
      ex.hb_subset_input_destroy(input);
    }
    if (!result) throw new Error('HarfBuzz: font subsetting failed');
    const blob = ex.hb_face_reference_blob(result);
    try {
      const ptr = ex.hb_blob_get_data(blob, 0);
      const length = ex.hb_blob_get_length(blob);
      return Buffer.from(new Uint8Array(ex.memory.buffer, ptr, length));
    } finally {
      ex.hb_blob_destroy(blob);
      ex.hb_face_destroy(result);
    }
  }
}

/**
 * The few functions Emscripten's runtime would otherwise provide to
 * `harfbuzz.wasm` (built with ALLOW_MEMORY_GROWTH). Any import we do not
 * know gets a stub that fails loudly, so a harfbuzzjs upgrade that needs
 * more shows up in the tests rather than as silent misbehaviour.
 */
function emscriptenImports(memory: () => WebAssembly.Memory): WebAssembly.Imports {
  const known: Record<string, Record<string, (...args: number[]) => number | void>> = {
    env: {
      emscripten_resize_heap(requested: number) {
        const mem = memory();
        const current = mem.buffer.byteLength;
        if (requested >>> 0 <= current) return 0;
        try {
          mem.grow(Math.ceil(((requested >>> 0) - current) / 65536));
          return 1;
        } catch {
          return 0;
        }
      },
      _abort_js() {
        throw new Error('HarfBuzz aborted');
      },
      _emscripten_runtime_keepalive_clear() {
        return undefined;
      },
      _setitimer_js() {
        return 0;
      },
    },
    wasi_snapshot_preview1: {
      proc_exit(code: number) {
        throw new Error(`HarfBuzz exited with status ${code}`);
      },
    },
  };
  const imports: Record<string, Record<string, (...args: number[]) => number | void>> = {};
  for (const { module, name } of WebAssembly.Module.imports(wasmModule('harfbuzz.wasm'))) {
    imports[module] ??= {};
    imports[module][name] =
      known[module]?.[name] ??
      (() => {
        throw new Error(`HarfBuzz called the unsupported import ${module}.${name}`);
      });
  }
  return imports as WebAssembly.Imports;
}

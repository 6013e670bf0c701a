// Tiles of the map layers: made by ST_AsMVT on PostgreSQL, or from a geojson-vt index
// per layer version (in a worker thread) on the embedded database, which has no
// ST_AsMVT. Either way a tile is labelled with the version of the layer it shows, read
// in the same snapshot as its rows, and kept in a byte-bounded cache with that version
// and its compressed forms.
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import type pg from 'pg';
import type { DatabaseMode } from '../db/database.ts';
import type { Encoding } from '../http/compression.ts';
import { SOURCE_MAX_ZOOM, TILE_BUFFER, TILE_EXTENT, type TileCoord } from '../domain/tiles.ts';
import { LABELLED, labelLayerName, MIN_ZOOM, type AttributeSet, type TileLayer } from './attributes.ts';
import { ByteLru } from './cache.ts';
import { indexThread } from './index-thread.ts';
import { aantalFeatures, laagVersie, layerSnapshot, mvtTile, tileForSession, type TileLookup } from './queries.ts';

/** Smaller tiles are sent as they are (as the compression middleware does for JSON). */
const COMPRESS_FROM = 1024;
/** Tiles up to this size are compressed on the request's own thread (see tile()). */
const COMPRESS_INLINE_UP_TO = 64 * 1024;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface Tile {
  /** Version of the layer the tile shows. */
  versie: number;
  body: Uint8Array;
  encoding: Encoding | null;
}

interface Engine {
  tile(pool: pg.Pool, layer: TileLayer, set: AttributeSet, coord: TileCoord, versie: number): Promise<{ versie: number; bytes: Uint8Array }>;
}

/** PostgreSQL: one ST_AsMVT query per tile. */
const mvtEngine: Engine = {
  async tile(pool, layer, set, coord) {
    const r = await mvtTile(pool, layer, set, coord);
    return { versie: r.versie, bytes: r.tile };
  },
};

interface BuiltIndex {
  key: string;
  versie: number;
  generation: number;
}

/**
 * The embedded database: per layer (and attribute set) the index of its latest version,
 * built when a tile of a newer version is asked for. Concurrent requests share one build.
 */
let engines = 0;

class IndexEngine implements Engine {
  /** Keys in the shared worker are this engine's own (several apps may run in one process). */
  private readonly prefix = `e${++engines}`;
  private readonly built = new Map<string, BuiltIndex>();
  private readonly building = new Map<string, Promise<BuiltIndex>>();

  async tile(pool: pg.Pool, layer: TileLayer, set: AttributeSet, { z, x, y }: TileCoord, versie: number) {
    for (let attempt = 0; ; attempt++) {
      const index = await this.indexFor(pool, layer, set, versie);
      const bytes = await indexThread.tile(index.key, index.generation, z, x, y, TILE_EXTENT);
      if (bytes) return { versie: index.versie, bytes };
      // Replaced by a newer version meanwhile, or the worker restarted and lost it: ask again.
      if (this.built.get(`${layer}:${set.id}`) === index) this.built.delete(`${layer}:${set.id}`);
      if (attempt > 2) throw new Error('De tegelindex kon niet worden opgebouwd.');
    }
  }

  /** An index of at least version `versie` (versions only grow). */
  private async indexFor(pool: pg.Pool, layer: TileLayer, set: AttributeSet, versie: number): Promise<BuiltIndex> {
    const id = `${layer}:${set.id}`;
    for (;;) {
      const have = this.built.get(id);
      if (have && have.versie >= versie) return have;
      const pending = this.building.get(id);
      if (pending) {
        await pending.catch(() => undefined);
        continue;
      }
      const build = this.build(pool, layer, set, id);
      this.building.set(id, build);
      try {
        return await build;
      } finally {
        this.building.delete(id);
      }
    }
  }

  private async build(pool: pg.Pool, layer: TileLayer, set: AttributeSet, id: string): Promise<BuiltIndex> {
    const snapshot = await layerSnapshot(pool, layer, set);
    const key = `${this.prefix}:${id}:${snapshot.versie}`;
    const sources: Record<string, string> = { [layer]: snapshot.features };
    if (LABELLED.has(layer) && snapshot.labels) sources[labelLayerName(layer)] = snapshot.labels;
    const generation = await indexThread.build(key, sources, {
      maxZoom: SOURCE_MAX_ZOOM, extent: TILE_EXTENT, buffer: TILE_BUFFER, tolerance: 3,
    });
    const index = { key, versie: snapshot.versie, generation };
    const old = this.built.get(id);
    if (!old || old.versie < index.versie) {
      this.built.set(id, index);
      if (old) indexThread.drop(old.key);
    } else if (old.key !== key) {
      indexThread.drop(key);
    }
    return this.built.get(id)!;
  }
}

interface Cached {
  versie: number;
  raw: Uint8Array;
  br?: Uint8Array;
  gzip?: Uint8Array;
  size: number;
}

export interface TileServiceOptions {
  mode: DatabaseMode;
  /** Bytes of encoded tiles kept in memory (0: none, e.g. to measure the database). */
  cacheBytes?: number;
}

export class TileService {
  private readonly engine: Engine;
  /** Per tile (layer, attribute set, z/x/y) its newest version made, with its compressed forms. */
  private readonly cache: ByteLru<Cached> | null;
  private readonly counts = new Map<string, { versie: number; aantal: number }>();

  constructor({ mode, cacheBytes = 64 * 1024 * 1024 }: TileServiceOptions) {
    this.engine = mode === 'postgres' ? mvtEngine : new IndexEngine();
    this.cache = cacheBytes > 0 ? new ByteLru<Cached>(cacheBytes) : null;
  }

  versie(pool: pg.Pool, layer: TileLayer): Promise<number> {
    return laagVersie(pool, layer);
  }

  /** How many features a layer has now (counted once per version). */
  async aantal(pool: pg.Pool, layer: TileLayer, versie: number): Promise<number> {
    const known = this.counts.get(layer);
    if (known && known.versie === versie) return known.aantal;
    const now = await aantalFeatures(pool, layer);
    if (!known || known.versie < now.versie) this.counts.set(layer, now);
    return now.aantal;
  }

  /**
   * The session (unless `tokenHash` is null), the layer's version and, on PostgreSQL,
   * the tile itself, in one round trip. The tile is made only when neither the browser
   * (`browserHas`, from its ETag) nor this cache has the current version.
   */
  lookup(pool: pg.Pool, r: { tokenHash: string | null; layer: TileLayer; set: AttributeSet; coord: TileCoord; roles: readonly string[]; browserHas: readonly number[] }): Promise<TileLookup> {
    const cached = this.cache?.get(cacheKey(r.layer, r.set, r.coord));
    return tileForSession(pool, {
      ...r,
      have: cached ? [...r.browserHas, cached.versie] : r.browserHas,
      mvt: this.engine === mvtEngine && r.coord.z >= MIN_ZOOM[r.layer],
      prepare: this.engine === mvtEngine,
    });
  }

  /**
   * The tile of a lookup's version, in the encoding asked for when it is worth it: the
   * one the lookup made, else the cached one, else made now (the embedded index; or a
   * cache entry that was pushed out meanwhile). Below the layer's smallest zoom the
   * tile is empty.
   */
  async tile(pool: pg.Pool, layer: TileLayer, set: AttributeSet, coord: TileCoord, found: TileLookup, encoding: Encoding | null): Promise<Tile> {
    if (coord.z < MIN_ZOOM[layer]) return { versie: found.versie, body: new Uint8Array(0), encoding: null };
    const key = cacheKey(layer, set, coord);
    let entry = this.cache?.get(key);
    if (!entry || entry.versie !== found.versie) {
      const made = found.tile ? { versie: found.versie, bytes: found.tile } : await this.engine.tile(pool, layer, set, coord, found.versie);
      const raw = made.bytes instanceof Buffer ? new Uint8Array(made.bytes.buffer, made.bytes.byteOffset, made.bytes.byteLength) : made.bytes;
      entry = { versie: made.versie, raw, size: raw.byteLength };
      this.remember(key, entry);
    }
    if (!encoding || entry.raw.byteLength < COMPRESS_FROM) return { versie: entry.versie, body: entry.raw, encoding: null };
    let packed = entry[encoding];
    if (!packed) {
      // Fast settings: a tile is compressed while its user waits (brotli 2 is within a
      // fifth of brotli 5's size at a third of its time, measured on MVT tiles). A small
      // tile is compressed at once (about 0.1 ms), which costs less than the hand-over
      // to zlib's thread pool; a large one there, so it never blocks other requests.
      const options = encoding === 'br' ? { params: { [constants.BROTLI_PARAM_QUALITY]: 2 } } : { level: 3 };
      const small = entry.raw.byteLength <= COMPRESS_INLINE_UP_TO;
      const b = encoding === 'br'
        ? (small ? brotliCompressSync(entry.raw, options) : await brotli(entry.raw, options))
        : (small ? gzipSync(entry.raw, options) : await gz(entry.raw, options));
      packed = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      entry[encoding] = packed;
      entry.size += packed.byteLength;
      this.remember(key, entry);
    }
    return { versie: entry.versie, body: packed, encoding };
  }

  /** Keeps a tile unless a newer version of it is kept already. */
  private remember(key: string, entry: Cached) {
    const kept = this.cache?.get(key);
    if (!kept || kept === entry || kept.versie < entry.versie) this.cache?.set(key, entry);
  }
}

const cacheKey = (layer: TileLayer, set: AttributeSet, { z, x, y }: TileCoord) => `${layer}:${set.id}:${z}/${x}/${y}`;

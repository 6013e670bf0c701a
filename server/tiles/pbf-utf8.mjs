// pbf 5.1.2 (the protobuf writer under vt-pbf) turns a surrogate pair into a code point
// with `| 0x10000` where `+ 0x10000` is meant, so some characters outside the Basic
// Multilingual Plane come out as others (U+20000 as U+10000, U+E0FFF as U+D0FFF). Its
// strings are written here with the platform's own UTF-8 encoder instead. Imported for
// its effect by the tile worker before it encodes a tile.
import { PbfWriter } from 'pbf';

const utf8 = new TextEncoder();

PbfWriter.prototype.writeString = function writeString(str) {
  this.writeBytes(utf8.encode(String(str)));
};

// 53-bit hashes for index terms. Terms are stored by hash, not by string: the syllable pairs of a
// 53k-article corpus are millions of distinct strings, which a Map of strings cannot hold cheaply.
// At 53 bits, a collision among ten million terms has a probability of about 1 in 200.

/** cyrb53: a fast 53-bit string hash (public domain, bryc). Never 0. */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}

/** Combines two term hashes into the hash of the ordered pair (a syllable pair). Never 0. */
export function hashPair(a: number, b: number): number {
  const aLo = a >>> 0;
  const aHi = Math.floor(a / 4294967296) >>> 0;
  const bLo = b >>> 0;
  const bHi = Math.floor(b / 4294967296) >>> 0;
  let h1 = Math.imul(aLo ^ 0x85ebca6b, 2654435761) ^ Math.imul(bHi ^ 0xc2b2ae35, 1597334677);
  let h2 = Math.imul(aHi ^ 0x27d4eb2f, 2246822507) ^ Math.imul(bLo ^ 0x165667b1, 3266489909);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0) || 1;
}

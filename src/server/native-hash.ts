import { createHash } from 'node:crypto';
import { setSha256, type Sha256Hex } from '../shared/records/hash';

/** Node's OpenSSL SHA-256 for records' content hashes: a push checks one per record. */
export const nativeSha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

setSha256(nativeSha256Hex);

import { createHash, randomBytes } from 'node:crypto';
/** Opaque bearer secrets: random, prefixed by kind so that a leaked one is recognisable. */
export function newSecret(prefix) {
    return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
/** Secrets are high-entropy, so a plain SHA-256 is a safe and fast lookup key. */
export function hashSecret(secret) {
    return createHash('sha256').update(secret).digest('hex');
}
//# sourceMappingURL=tokens.js.map
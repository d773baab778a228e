import { hash, verify } from '@node-rs/argon2';
/** argon2id with OWASP's recommended minimum (m=19 MiB, t=2, p=1). */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export function hashPassword(password) {
    return hash(password, OPTIONS);
}
export async function verifyPassword(passwordHash, password) {
    try {
        return await verify(passwordHash, password);
    }
    catch {
        return false;
    }
}
/** Verified against when the e-mail is unknown, so that a miss costs as long as a hit. */
let dummyHash;
export function dummyPasswordHash() {
    dummyHash ??= hashPassword('hss-dummy-password-for-timing');
    return dummyHash;
}
//# sourceMappingURL=passwords.js.map
import { EditionCode, Feature } from '@hss/schema';
import { PrimaryKeyProp } from '@mikro-orm/core';
/**
 * Reference data shared by every account (the one table without an account): the six editions
 * and what each includes, seeded by the initial migration.
 */
export declare class Edition {
    [PrimaryKeyProp]?: 'code';
    code: EditionCode;
    name: string;
    description: string;
    features: Feature[];
    supportsOnDemand: boolean;
    freeTrialDays: number | null;
    /** Display order, from the smallest edition to the largest. */
    rank: number;
}

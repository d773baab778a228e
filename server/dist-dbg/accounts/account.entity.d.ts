/** A tenant. Every other row carries its account; every query is scoped to the caller's. */
export declare class Account {
    id: string;
    name: string;
    createdAt: Date;
}

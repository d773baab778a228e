import { badInput } from './errors.js';
import { isUuid } from './ids.js';
export var OrderDirection;
(function (OrderDirection) {
    OrderDirection["ASC"] = "ASC";
    OrderDirection["DESC"] = "DESC";
})(OrderDirection || (OrderDirection = {}));
function encodeCursor(sort, value, id) {
    return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}
function decodeCursor(cursor, sort) {
    const invalid = () => badInput(`The "after" cursor is not valid for ordering by ${sort.name}; pass an endCursor from a page of the same list and ordering.`, {
        field: 'after',
    });
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    }
    catch {
        throw invalid();
    }
    if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort.name)
        throw invalid();
    const [, value, id] = parsed;
    // int is PostgreSQL's 32-bit integer: a larger number would fail in SQL, not here.
    const valueOk = sort.cast === 'int'
        ? Number.isInteger(value) && Math.abs(value) <= 2_147_483_647
        : typeof value === 'string' && !value.includes('\u0000');
    if (!valueOk || typeof id !== 'string' || !isUuid(id))
        throw invalid();
    // Only what encodeCursor writes: PostgreSQL rejects much of what Date.parse accepts (e.g. "1").
    if (sort.cast === 'timestamptz' && !isIsoTimestamp(value))
        throw invalid();
    return { value: value, id };
}
function isIsoTimestamp(value) {
    const time = Date.parse(value);
    return !Number.isNaN(time) && new Date(time).toISOString() === value;
}
function cursorValue(value) {
    return value instanceof Date ? value.toISOString() : value;
}
/**
 * Keyset pagination over (sort column, id): a page costs one index walk wherever it starts,
 * and rows inserted meanwhile never shift a page. `qb` carries the filters; the total is
 * counted with the same filters in a second statement.
 */
export async function keysetPage(qb, alias, sort, direction, page) {
    const countQb = qb.clone();
    const op = direction === OrderDirection.ASC ? '>' : '<';
    if (page.after) {
        const { value, id } = decodeCursor(page.after, sort);
        qb.andWhere(`(${alias}.${sort.column}, ${alias}.id) ${op} (?::${sort.cast}, ?::uuid)`, [value, id]);
    }
    const dir = direction === OrderDirection.ASC ? 'asc' : 'desc';
    qb.orderBy([{ [sort.property]: dir }, { id: dir }]).limit(page.first + 1);
    const rows = await qb.getResult();
    const totalCount = await countQb.getCount();
    const nodes = rows.slice(0, page.first);
    return {
        nodes,
        cursors: nodes.map((row) => encodeCursor(sort.name, cursorValue(sort.valueOf(row)), row.id)),
        hasNextPage: rows.length > page.first,
        hasPreviousPage: Boolean(page.after),
        totalCount,
    };
}
//# sourceMappingURL=pagination.js.map
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { FindingStatus, Severity } from '@hss/schema';
import { Field, Int, ObjectType } from 'type-graphql';
let FindingCounts = class FindingCounts {
    constructor() {
        this.critical = 0;
        this.high = 0;
        this.medium = 0;
        this.low = 0;
        this.total = 0;
    }
};
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], FindingCounts.prototype, "critical", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], FindingCounts.prototype, "high", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], FindingCounts.prototype, "medium", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], FindingCounts.prototype, "low", void 0);
__decorate([
    Field(() => Int),
    __metadata("design:type", Object)
], FindingCounts.prototype, "total", void 0);
FindingCounts = __decorate([
    ObjectType({ description: 'Open findings of a server, counted by severity.' })
], FindingCounts);
export { FindingCounts };
/** One GROUP BY for a whole page of servers. */
export async function loadOpenFindingCounts(em, accountId, serverIds) {
    const rows = await em.execute(`select server_id, severity, count(*) as n from finding
      where account_id = ? and status = ? and server_id in (?)
      group by server_id, severity`, [accountId, FindingStatus.OPEN, [...serverIds]]);
    const counts = new Map(serverIds.map((id) => [id, new FindingCounts()]));
    for (const row of rows) {
        const c = counts.get(row.server_id);
        if (!c)
            continue;
        const n = Number(row.n);
        c.total += n;
        if (row.severity === Severity.CRITICAL)
            c.critical += n;
        else if (row.severity === Severity.HIGH)
            c.high += n;
        else if (row.severity === Severity.MEDIUM)
            c.medium += n;
        else
            c.low += n;
    }
    return serverIds.map((id) => counts.get(id) ?? new FindingCounts());
}
//# sourceMappingURL=finding-counts.js.map
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
let PageInfo = class PageInfo {
};
__decorate([
    Field(() => Boolean),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasNextPage", void 0);
__decorate([
    Field(() => Boolean),
    __metadata("design:type", Boolean)
], PageInfo.prototype, "hasPreviousPage", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    __metadata("design:type", Object)
], PageInfo.prototype, "startCursor", void 0);
__decorate([
    Field(() => String, { nullable: true }),
    __metadata("design:type", Object)
], PageInfo.prototype, "endCursor", void 0);
PageInfo = __decorate([
    ObjectType({ description: 'Relay page information.' })
], PageInfo);
export { PageInfo };
/** A Relay connection type named `<name>Connection` with `<name>Edge` edges. */
export function ConnectionType(node, name) {
    let Edge = class Edge {
    };
    __decorate([
        Field(() => String),
        __metadata("design:type", String)
    ], Edge.prototype, "cursor", void 0);
    __decorate([
        Field(() => node),
        __metadata("design:type", Object)
    ], Edge.prototype, "node", void 0);
    Edge = __decorate([
        ObjectType(`${name}Edge`)
    ], Edge);
    let ConnectionClass = class ConnectionClass {
    };
    __decorate([
        Field(() => [Edge]),
        __metadata("design:type", Array)
    ], ConnectionClass.prototype, "edges", void 0);
    __decorate([
        Field(() => PageInfo),
        __metadata("design:type", PageInfo)
    ], ConnectionClass.prototype, "pageInfo", void 0);
    __decorate([
        Field(() => Int, { description: 'All items that match the filter, on every page.' }),
        __metadata("design:type", Number)
    ], ConnectionClass.prototype, "totalCount", void 0);
    ConnectionClass = __decorate([
        ObjectType(`${name}Connection`)
    ], ConnectionClass);
    return ConnectionClass;
}
export function toConnection(page) {
    return {
        edges: page.nodes.map((node, i) => ({ node, cursor: page.cursors[i] })),
        pageInfo: {
            hasNextPage: page.hasNextPage,
            hasPreviousPage: page.hasPreviousPage,
            startCursor: page.cursors[0] ?? null,
            endCursor: page.cursors[page.cursors.length - 1] ?? null,
        },
        totalCount: page.totalCount,
    };
}
export const MAX_PAGE_SIZE = 100;
let PageArgs = class PageArgs {
    constructor() {
        this.first = 20;
    }
};
__decorate([
    Field(() => Int, { description: `Page size, 1–${MAX_PAGE_SIZE}.` }),
    Min(1),
    Max(MAX_PAGE_SIZE),
    __metadata("design:type", Object)
], PageArgs.prototype, "first", void 0);
__decorate([
    Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' }),
    MaxLength(512),
    __metadata("design:type", Object)
], PageArgs.prototype, "after", void 0);
PageArgs = __decorate([
    ArgsType()
], PageArgs);
export { PageArgs };
//# sourceMappingURL=connection.js.map
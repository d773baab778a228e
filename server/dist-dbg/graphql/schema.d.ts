import 'reflect-metadata';
import './enums.js';
import { type GraphQLSchema } from 'graphql';
import type { Services } from '../services.js';
/** Builds the executable schema; without services it is good only for printing. */
export declare function buildHssSchema(services?: Services): Promise<GraphQLSchema>;
export declare function printHssSchema(schema: GraphQLSchema): string;

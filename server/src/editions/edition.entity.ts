import { EditionCode, Feature } from '@hss/schema';
import { ArrayType, Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';

/**
 * Reference data shared by every account (the one table without an account): the six editions
 * and what each includes, seeded by the initial migration.
 */
@Entity({ tableName: 'edition' })
@ObjectType({ description: 'An HSS edition and the features it includes.' })
export class Edition {
  [PrimaryKeyProp]?: 'code';

  @Field(() => EditionCode)
  @PrimaryKey({ type: 'text' })
  code!: EditionCode;

  @Field(() => String)
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description!: string;

  @Field(() => [Feature])
  @Property({ type: ArrayType })
  features!: Feature[];

  @Field(() => Boolean, { description: 'Whether the edition can be enabled pay-per-use (ON_DEMAND).' })
  @Property({ type: 'boolean' })
  supportsOnDemand!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Days of free on-demand use per server, when the edition offers a trial.',
  })
  @Property({ type: 'integer', nullable: true })
  freeTrialDays: number | null = null;

  /** Display order, from the smallest edition to the largest. */
  @Field(() => Int)
  @Property({ type: 'integer' })
  rank!: number;
}

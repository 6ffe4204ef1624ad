import kafkajs, { type Admin } from 'kafkajs';
import { committedOffsets } from '@customs-pulse/testing/kafka';

const { AssignerProtocol } = kafkajs;

/** A member of a consumer group and the partitions it was given, as `topic:partition`. */
export interface GroupMember {
  readonly memberId: string;
  readonly partitions: readonly string[];
}

/** A consumer group as its coordinator describes it. */
export interface GroupState {
  /** `Stable` once a rebalance is over; `PreparingRebalance`, `CompletingRebalance`, `Empty`, `Dead` otherwise. */
  readonly state: string;
  readonly members: readonly GroupMember[];
}

/** The group's state and who holds which partition. */
export async function describeGroup(admin: Admin, groupId: string): Promise<GroupState> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups[0];
  if (group === undefined) return { state: 'Dead', members: [] };
  return {
    state: group.state,
    members: group.members.map(({ memberId, memberAssignment }) => {
      const assignment = memberAssignment.length === 0 ? null : AssignerProtocol.MemberAssignment.decode(memberAssignment);
      const partitions = Object.entries(assignment?.assignment ?? {}).flatMap(([topic, numbers]) => numbers.map((partition) => `${topic}:${partition}`));
      return { memberId, partitions: partitions.sort() };
    }),
  };
}

/** True when the group is stable with `count` members, each holding at least one partition. */
export function settledWith(group: GroupState, count: number): boolean {
  return group.state === 'Stable' && group.members.length === count && group.members.every(({ partitions }) => partitions.length > 0);
}

/** Per `topic:partition`, how many records the group has committed (0 when none). */
export async function committedRecords(admin: Admin, groupId: string, topics: readonly string[]): Promise<Map<string, number>> {
  const committed = new Map<string, number>();
  for (const topic of topics) {
    for (const [partition, offset] of await committedOffsets(admin, groupId, topic)) committed.set(`${topic}:${partition}`, Math.max(offset, 0));
  }
  return committed;
}

import type { FirstReport } from '../claims/first-report.ts';
import type { NeighborhoodRecord, PathRecord, TimelineRow } from '../graph/explore-reader.ts';
import type { Page } from '../graph/paging.ts';
import type { ClaimDetails, NodeRecord, RelationRecord, SourceRecord } from '../model/records.ts';
import type { ImportOutcome, MatchedEntity } from '../ingest/importer.ts';
import type { Stance } from '../model/vocabulary.ts';

/**
 * What the resolvers of each GraphQL type receive as parent (codegen's mappers, codegen.yml):
 * the repositories' plain records, with other nodes as ids that the loaders fetch in batches.
 */

export type { NodeRecord, RelationRecord } from '../model/records.ts';
export type { SourceRecord } from '../model/records.ts';

/** A page, and how to count everything the filter matches (run only when totalCount is asked). */
export type ConnectionModel = Page<NodeRecord> & { count: () => Promise<number> };

export type AttributionModel = ClaimDetails['attributions'][number];
export type ClaimTargetModel = ClaimDetails['targets'][number];
export type FirstReportModel = FirstReport<SourceRecord>;
export interface ClaimAboutModel {
  claim: NodeRecord;
  stance: Stance;
}
export interface StanceCountModel {
  stance: Stance;
  count: number;
  claims: NodeRecord[];
}
export type PathModel = PathRecord;
export interface HopModel {
  relation: RelationRecord;
  /** The path walks the relation from its end to its start. */
  reversed: boolean;
}
export type NeighborhoodModel = NeighborhoodRecord;
export type GraphNodeModel = NeighborhoodRecord['nodes'][number];
export type TimelineEntryModel = TimelineRow;
export type ImportPayloadModel = Extract<
  ImportOutcome,
  { status: 'created' | 'updated' | 'unchanged' }
>;
export type EntityMatchModel = MatchedEntity;
export interface SingleSourcedModel {
  facts: RelationRecord[];
  claims: NodeRecord[];
}

/** The one database declaration: tables, indexes and every version's upgrade. */
import { Dexie, type EntityTable } from 'dexie';
import type {
  ActionItem,
  Audit,
  DeletedContent,
  DeletedEntry,
  Journey,
  Screenshot,
  StoredImage,
  Tombstone,
  Touchpoint,
} from '../model';
import { upgradeToV2, upgradeToV3 } from './migrations';

export const DB_NAME = 'touchpoint-audit';

/** What a record looked like when it last crossed a bundle (imported or exported), by record id. */
export interface MergeBase {
  id: string;
  /** Hash of the record's content (see merge.ts), without its edit time. */
  hash: string;
}

export class AuditDatabase extends Dexie {
  audits!: EntityTable<Audit, 'id'>;
  journeys!: EntityTable<Journey, 'id'>;
  touchpoints!: EntityTable<Touchpoint, 'id'>;
  screenshots!: EntityTable<Screenshot, 'id'>;
  /** Full-size image blobs, apart from step metadata so lists stay fast. */
  images!: EntityTable<StoredImage, 'id'>;
  actionItems!: EntityTable<ActionItem, 'id'>;
  /** Recently deleted: what the auditor sees in the list … */
  deleted!: EntityTable<DeletedEntry, 'id'>;
  /** … and what each entry holds (records and image bytes), read only to restore. */
  deletedContent!: EntityTable<DeletedContent, 'id'>;
  tombstones!: EntityTable<Tombstone, 'id'>;
  mergeBase!: EntityTable<MergeBase, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    // Each version's stores and upgrade stay frozen once released; test/unit/migrations.test.ts
    // fills every older version and reopens at the newest.
    this.version(1).stores({
      audits: 'id, updatedAt',
      journeys: 'id, auditId',
      touchpoints: 'id, journeyId, [journeyId+seq]',
      screenshots: 'id, touchpointId',
      images: 'id',
      actionItems: 'id, touchpointId',
    });
    // Version 2: screenshots carry their evidence record, split parts, redaction and annotations.
    this.version(2).upgrade(upgradeToV2);
    // Version 3: edit times on every record, Recently deleted, tombstones and merge bases.
    this.version(3)
      .stores({
        touchpoints: 'id, journeyId, [journeyId+seq], createdAt',
        deleted: 'id, deletedAt',
        deletedContent: 'id',
        tombstones: 'id, auditId',
        mergeBase: 'id',
      })
      .upgrade(upgradeToV3);
  }
}

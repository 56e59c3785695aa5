/** The one database declaration: tables, indexes and every version's upgrade. */
import { Dexie, type EntityTable } from 'dexie';
import type {
  ActionItem,
  Audit,
  Brand,
  DeletedContent,
  DeletedEntry,
  HeldBack,
  Journey,
  Screenshot,
  StoredImage,
  Tombstone,
  Step,
  Wave,
} from '../model';
import { upgradeToV2, upgradeToV3, upgradeToV4, upgradeToV5, upgradeToV6 } from './migrations';

export const DB_NAME = 'touchpoint-audit';

/**
 * The versions of a record that crossed a bundle, by record id (hashes of content, see merge.ts).
 * Another profile can only hold a version of our record that left here, so a bundle version in
 * `known` is an old one of ours; `base` is the version last imported, so a record still equal to
 * it was not edited here since.
 */
export interface MergeBase {
  id: string;
  /** The version last imported into this profile, or null if it only ever left. */
  base: string | null;
  /** Versions exported from or imported into this profile (newest last, at most MAX_KNOWN). */
  known: string[];
}

export class AuditDatabase extends Dexie {
  audits!: EntityTable<Audit, 'id'>;
  /** The brands walked in each audit (own, competitors, benchmarks). */
  brands!: EntityTable<Brand, 'id'>;
  /** The waves of each audit: the same walks repeated in a period. */
  waves!: EntityTable<Wave, 'id'>;
  journeys!: EntityTable<Journey, 'id'>;
  touchpoints!: EntityTable<Step, 'id'>;
  screenshots!: EntityTable<Screenshot, 'id'>;
  /** Full-size image blobs, apart from step metadata so lists stay fast. */
  images!: EntityTable<StoredImage, 'id'>;
  actionItems!: EntityTable<ActionItem, 'id'>;
  /**
   * The original pixels of frames covered at capture, by screenshot id: on this device only (never
   * exported, never kept in Recently deleted), until the auditor uncovers a frame.
   */
  heldBack!: EntityTable<HeldBack, 'id'>;
  /** Recently deleted: what the auditor sees in the list … */
  deleted!: EntityTable<DeletedEntry, 'id'>;
  /** … and what each entry holds (records and image bytes), read only to restore. */
  deletedContent!: EntityTable<DeletedContent, 'id'>;
  tombstones!: EntityTable<Tombstone, 'id'>;
  mergeBase!: EntityTable<MergeBase, 'id'>;
  /** Scratch records written and deleted to renew the database log (see guard.ts). */
  scratch!: EntityTable<{ id: string; value: string }, 'id'>;

  /**
   * `autoOpen: false` in the extension: the storage guard opens the database once, after checking
   * the free space, and never reopens it behind the auditor's back after a storage error.
   */
  constructor(name = DB_NAME, options: { autoOpen?: boolean } = {}) {
    super(name, { autoOpen: options.autoOpen ?? true, cache: 'immutable' });
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
        scratch: 'id',
      })
      .upgrade(upgradeToV3);
    // Version 4: the audit method (touchpoint types, custom stages, checklists, standards) with
    // its answers on steps, measurements on journeys, ideas and success metrics on action items.
    this.version(4).upgrade(upgradeToV4);
    // Version 5: embedded frames covered at capture (listed on screenshots) and their original
    // pixels, held back apart from everything else until the auditor uncovers one.
    this.version(5).stores({ heldBack: 'id, touchpointId' }).upgrade(upgradeToV5);
    // Version 6: brands and waves are records of an audit; a journey (one walk) names its brand
    // and wave by id instead of carrying the brand's name, domain and role.
    this.version(6)
      .stores({
        brands: 'id, auditId',
        waves: 'id, auditId',
        journeys: 'id, auditId, brandId, waveId',
      })
      .upgrade(upgradeToV6);
  }
}

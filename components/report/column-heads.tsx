/** A report table's header row: one column heading per message, in the reader's language. */
import type { MessageKey, Translate } from '../../lib/i18n';

export function ColumnHeads({ t, keys }: { t: Translate; keys: readonly MessageKey[] }) {
  return (
    <thead>
      <tr>
        {keys.map((key) => (
          <th scope="col" key={key}>
            {t(key)}
          </th>
        ))}
      </tr>
    </thead>
  );
}

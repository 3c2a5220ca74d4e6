/** Find a customer by code or name, then choose: the customers the viewer may see, at most 50 matches, the chosen one kept in the list. */
import { useMemo, useState } from 'react';
import { Field, Input, Select } from '@fluentui/react-components';
import { format, type Words } from '../../i18n.ts';
import { matchCustomers, type Customer } from '../../customers/operations.ts';

export function CustomerPicker({ w, customers, value, onChange, testId }: { w: Words; customers: readonly Customer[]; value: string; onChange: (id: string) => void; testId: string }) {
  const c = w.customers.transfer;
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const hits = matchCustomers(customers, query);
    const picked = customers.find((x) => x.id === value);
    return picked && !hits.includes(picked) ? [picked, ...hits] : hits;
  }, [customers, query, value]);
  return (
    <>
      <Field label={c.search}>
        <Input value={query} onChange={(_, d) => setQuery(d.value)} data-testid={`${testId}-search`} />
      </Field>
      <Field label={c.customer} validationMessage={query && !matches.length ? format(c.noMatch, { q: query }) : undefined} validationState="none">
        <Select value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
          <option value="">—</option>
          {matches.map((x) => (
            <option key={x.id} value={x.id}>{`${x.code} ${x.name} · ${x.ownerName}`}</option>
          ))}
        </Select>
      </Field>
    </>
  );
}

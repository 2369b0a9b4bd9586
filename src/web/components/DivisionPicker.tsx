import { useEffect, useState, type CSSProperties } from 'react';
import { Cascader } from 'antd';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../app/api';
import { useMe } from '../app/auth';
import type { DivisionDetail, DivisionNode } from '../../shared/divisions/tree';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

/** Code lengths of the levels: city 3708, county 370811, township 370811002, village 370811002001. */
const LEVEL_LENGTHS = [4, 6, 9, 12];

/** The division tree does not change while the app runs: each list is fetched once. */
export const childrenOf = (client: QueryClient, parent: string) =>
  client.fetchQuery({
    queryKey: ['division-children', parent],
    queryFn: () => api.get<DivisionNode[]>(`/api/divisions/children?parent=${parent}`),
    staleTime: Infinity,
  });
const detailOf = (client: QueryClient, code: string) =>
  client.fetchQuery({
    queryKey: ['division', code],
    queryFn: () => api.get<DivisionDetail>(`/api/divisions/${code}`),
    staleTime: Infinity,
  });

const toOption = (n: DivisionNode): Option => ({ value: n.code, label: n.name, isLeaf: !n.hasChildren });

/**
 * Picks a division inside the user's jurisdiction, loading children on demand; the value is the
 * deepest selected code. `anyLevel` lets a filter stop at any level; forms for persons and
 * households need a village or community (level 5, 12 digits).
 */
export function DivisionPicker({
  value,
  onChange,
  anyLevel = false,
  placeholder,
  testId,
  style,
  disabled,
}: {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  anyLevel?: boolean;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
  disabled?: boolean;
}) {
  const { data: me } = useMe();
  const client = useQueryClient();
  const [options, setOptions] = useState<Option[]>([]);
  const root = me?.divisionCode;

  useEffect(() => {
    if (!root) return;
    let live = true;
    void detailOf(client, root).then((d) => live && setOptions([{ value: d.code, label: d.name, isLeaf: d.level >= 5 }]));
    return () => {
      live = false;
    };
  }, [root, client]);

  const path =
    root && value ? LEVEL_LENGTHS.filter((len) => len >= root.length && len <= value.length).map((len) => value.slice(0, len)) : [];

  // A value set from outside (a pre-filled form, a filter from the address): load the lists along
  // its path so that the box shows names, not codes.
  const pathKey = path.join(',');
  useEffect(() => {
    if (!options.length || path.length < 2) return;
    let live = true;
    void (async () => {
      let list = options;
      let changed = false;
      for (const code of path.slice(0, -1)) {
        const node = list.find((o) => o.value === code);
        if (!node) return;
        if (!node.children) {
          node.children = (await childrenOf(client, code)).map(toOption);
          changed = true;
        }
        list = node.children;
      }
      if (live && changed) setOptions((o) => [...o]);
    })();
    return () => {
      live = false;
    };
    // `path` is derived from pathKey; options are mutated in place on purpose (antd's lazy-load pattern).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [pathKey, options.length, client]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    target.children = (await childrenOf(client, target.value)).map(toOption);
    setOptions((o) => [...o]);
  };

  return (
    <Cascader
      data-testid={testId}
      options={options}
      loadData={loadData as never}
      changeOnSelect={anyLevel}
      value={path}
      disabled={disabled}
      placeholder={placeholder ?? (anyLevel ? '全部（可选到任一级）' : '选择到村（社区）')}
      style={{ minWidth: 280, ...style }}
      onChange={(v) => {
        const codes = (v ?? []) as string[];
        onChange?.(codes.length ? codes[codes.length - 1] : undefined);
      }}
      allowClear
    />
  );
}

/** A division code shown as its full name (济宁市任城区…), fetched once per code. */
export function DivisionName({ code }: { code: string | null | undefined }) {
  const { data } = useQuery({
    queryKey: ['division', code],
    queryFn: () => api.get<DivisionDetail>(`/api/divisions/${code}`),
    enabled: Boolean(code),
    staleTime: Infinity,
  });
  if (!code) return null;
  return <>{data?.fullName ?? code}</>;
}

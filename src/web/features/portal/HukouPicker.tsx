import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { DivisionNode } from '../../../shared/divisions/tree';
import { countyOf, isBelowCounty, isVillage, townshipOf } from '../../../shared/divisions';

const children = (parent?: string) => api.get<DivisionNode[]>(`/api/divisions/children${parent ? `?parent=${parent}` : ''}`);
const options = (list: DivisionNode[] | undefined) => (list ?? []).map((d) => ({ value: d.code, label: d.name }));
/** The township list's choice for a value (a township or a village; none for a higher level). */
const townshipOfValue = (value: string | undefined) => (value && isBelowCounty(value) ? townshipOf(value) : undefined);

/**
 * 户籍地 for a resident, who is not signed in yet: the city's divisions one level at a time (县区,
 * 乡镇街道, 村社区), three large lists one under the other rather than a cascade that does not fit
 * a phone. The value is the village or community (12 digits); choosing a higher level clears it.
 */
export function HukouPicker({
  value,
  onChange,
  testId = 'hukou',
  allowTownship = false,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  testId?: string;
  /** A township is a value too (公示 by township); the village list then narrows it. */
  allowTownship?: boolean;
}) {
  const [county, setCounty] = useState<string | undefined>(value && countyOf(value));
  const [township, setTownship] = useState<string | undefined>(townshipOfValue(value));
  useEffect(() => {
    if (value) {
      setCounty(countyOf(value));
      setTownship(townshipOfValue(value));
    }
  }, [value]);
  const city = useQuery({ queryKey: ['division-children', ''], queryFn: () => children(), staleTime: Infinity });
  const cityCode = city.data?.[0]?.code;
  const counties = useQuery({
    queryKey: ['division-children', cityCode],
    queryFn: () => children(cityCode),
    enabled: Boolean(cityCode),
    staleTime: Infinity,
  });
  const townships = useQuery({
    queryKey: ['division-children', county],
    queryFn: () => children(county),
    enabled: Boolean(county),
    staleTime: Infinity,
  });
  const villages = useQuery({
    queryKey: ['division-children', township],
    queryFn: () => children(township),
    enabled: Boolean(township),
    staleTime: Infinity,
  });
  const common = { showSearch: { optionFilterProp: 'label' }, style: { width: '100%' }, notFoundContent: '没有找到' } as const;
  return (
    <div className="portal-hukou-picker" style={{ display: 'grid', gap: 8 }}>
      <Select
        {...common}
        aria-label="县（市、区）"
        placeholder="选择县（市、区）"
        value={county}
        loading={counties.isLoading}
        options={options(counties.data)}
        onChange={(c: string) => {
          setCounty(c);
          setTownship(undefined);
          onChange?.(undefined);
        }}
        data-testid={`${testId}-county`}
      />
      <Select
        {...common}
        aria-label="乡镇（街道）"
        placeholder="选择乡镇（街道）"
        value={township}
        disabled={!county}
        loading={townships.isLoading && Boolean(county)}
        options={options(townships.data)}
        onChange={(t: string) => {
          setTownship(t);
          onChange?.(allowTownship ? t : undefined);
        }}
        data-testid={`${testId}-township`}
      />
      <Select
        {...common}
        aria-label="村（社区）"
        placeholder={allowTownship ? '全部村（社区）' : '选择村（社区）'}
        value={value && isVillage(value) ? value : undefined}
        allowClear={allowTownship}
        disabled={!township}
        loading={villages.isLoading && Boolean(township)}
        options={options(villages.data)}
        onChange={(v: string | undefined) => onChange?.(v ?? (allowTownship ? township : undefined))}
        data-testid={`${testId}-village`}
      />
    </div>
  );
}

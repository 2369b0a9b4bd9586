import { useEffect, useState } from 'react';
import { Cascader } from 'antd';
import { api } from '../app/api';
import { useMe } from '../app/auth';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Node {
  code: string;
  name: string;
  level: number;
  hasChildren: boolean;
}

/**
 * Picks a division inside the user's jurisdiction, loading children on demand. The value is the
 * deepest selected code. `anyLevel` lets a filter stop at any level; forms for persons and
 * households need a village (level 5).
 */
export function DivisionPicker({ value, onChange, anyLevel = false, placeholder, testId }: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  anyLevel?: boolean;
  placeholder?: string;
  testId?: string;
}) {
  const { data: me } = useMe();
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    if (!me) return;
    void api.get<{ code: string; name: string; level: number; path: { code: string; name: string }[] }>(`/api/divisions/${me.divisionCode}`).then((d) =>
      setOptions([{ value: d.code, label: d.name, isLeaf: d.level >= 5 }]),
    );
  }, [me]);

  useEffect(() => {
    // Show a value set from outside (a pre-filled form) as its path of codes.
    if (!value || !me) return setPath([]);
    const codes: string[] = [];
    for (const len of [4, 6, 9, 12]) if (value.length >= len && len >= me.divisionCode.length) codes.push(value.slice(0, len));
    setPath(codes);
  }, [value, me]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    const children = await api.get<Node[]>(`/api/divisions/children?parent=${target.value}`);
    target.children = children.map((c) => ({ value: c.code, label: c.name, isLeaf: !c.hasChildren }));
    setOptions((o) => [...o]);
  };

  return (
    <Cascader
      data-testid={testId}
      options={options}
      loadData={loadData as never}
      changeOnSelect={anyLevel}
      value={path}
      showSearch={false}
      placeholder={placeholder ?? (anyLevel ? '全部（可选到任一级）' : '选择到村（社区）')}
      style={{ minWidth: 280 }}
      onChange={(v) => {
        const codes = (v ?? []) as string[];
        setPath(codes);
        onChange?.(codes.length ? codes[codes.length - 1] : undefined);
      }}
      allowClear
    />
  );
}

import { useState } from 'react';
import { Alert, Input, Space } from 'antd';
import { api, errorMessage, type Page } from '../../app/api';
import { sexes } from '../../../shared/registry-codes';
import { parseResidentId } from '../../../shared/validation/resident-id';
import type { PersonRow } from '../../../shared/registry/persons';

/**
 * Finds a registered person by ID number (exact, through the encrypted field's lookup hash) and
 * picks them: the form value is the person's id. A person who already belongs to a household can
 * be seen but not picked (the server would refuse: one household per person).
 */
export function PersonLookup({
  value,
  onChange,
  testId = 'person-lookup',
  anyHousehold = false,
}: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  testId?: string;
  /** Any registered person may be picked (a guardian, a spouse), also one who belongs to a household. */
  anyHousehold?: boolean;
}) {
  const [found, setFound] = useState<PersonRow | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const search = async (raw: string) => {
    const idNumber = raw.replace(/\s+/g, '').toUpperCase();
    setFound(null);
    setProblem(null);
    onChange?.(undefined);
    if (!idNumber) return;
    const parsed = parseResidentId(idNumber);
    if (!parsed.ok) return setProblem(`身份证号${parsed.message}`);
    setBusy(true);
    try {
      const res = await api.get<Page<PersonRow>>(`/api/persons?idNumber=${encodeURIComponent(parsed.idNumber)}&pageSize=1`);
      const p = res.items[0];
      if (!p) setProblem('管辖范围内没有该身份证号的人员。请改为“新登记”填写此人信息。');
      else if (p.householdId && !anyHousehold) {
        setFound(p);
        setProblem(`${p.name} 已是另一个家庭的成员，请先从原家庭移出。`);
      } else {
        setFound(p);
        onChange?.(p.id);
      }
    } catch (e) {
      setProblem(errorMessage(e, '查找失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        placeholder="输入 18 位身份证号后回车或点击查找"
        enterButton="查找"
        maxLength={18}
        loading={busy}
        onSearch={search}
        data-testid={`${testId}-idNumber`}
      />
      {found && value === found.id && (
        <Alert
          type="success"
          showIcon
          data-testid={`${testId}-found`}
          title={`${found.name}，${found.sex ? sexes[found.sex] : ''}，${found.birthDate ?? ''}，${found.idNumberMasked ?? ''}`}
          description={found.hukouDivisionName}
        />
      )}
      {problem && <Alert type="warning" showIcon title={problem} data-testid={`${testId}-problem`} />}
    </Space>
  );
}

import { Button, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { DivisionDetail } from '../../../shared/divisions/tree';
import { hukouTypes } from '../../../shared/registry-codes';
import { isVillage, suggestedHukouType, villageKind, villageKindNames } from '../../../shared/divisions';

type HukouType = keyof typeof hukouTypes;

/**
 * 城乡类别 proposed from the hukou division, never set by itself: a 社区 or 居委会 suggests 城镇, a
 * 村 农村, with one click to accept. While the field is empty the proposal is shown; when it holds
 * the other value, a warning asks to confirm it (a 社区 household saved as 农村 was paid the rural
 * standard without anyone noticing). Nothing is shown for a division of unknown kind.
 */
export function HukouTypeSuggestion({
  divisionCode,
  value,
  onAccept,
  testId,
}: {
  divisionCode: string | null | undefined;
  value: HukouType | undefined;
  onAccept: (type: HukouType) => void;
  testId: string;
}) {
  const enabled = Boolean(divisionCode && isVillage(divisionCode));
  const { data } = useQuery({
    queryKey: ['division', divisionCode],
    queryFn: () => api.get<DivisionDetail>(`/api/divisions/${divisionCode}`),
    enabled,
    staleTime: Infinity,
  });
  if (!enabled || !data || data.code !== divisionCode) return null;
  const kind = villageKind(data.code, data.name);
  if (!kind) return null;
  const proposal = suggestedHukouType(kind);
  if (value === proposal) return null;
  const label = hukouTypes[proposal];
  const text = value
    ? `所选「${data.name}」为${villageKindNames[kind]}，一般为${label}户籍；当前为${hukouTypes[value]}，请确认。`
    : `所选「${data.name}」为${villageKindNames[kind]}，建议选择${label}户籍。`;
  return (
    <span data-testid={testId} data-proposal={proposal}>
      <Typography.Text type={value ? 'warning' : undefined}>{text}</Typography.Text>
      <Button
        type="link"
        size="small"
        style={{ paddingInline: 4, height: 'auto' }}
        onClick={() => onAccept(proposal)}
        data-testid={`${testId}-accept`}
      >
        {value ? `改为${label}` : `选择${label}`}
      </Button>
    </span>
  );
}

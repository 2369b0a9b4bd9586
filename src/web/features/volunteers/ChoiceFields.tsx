/** The volunteer's own choices, on the staff's forms: service categories, available times, skills, residence, team. */
import { Checkbox, Form, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import { DivisionPicker } from '../../components/DivisionPicker';
import { availableTimes, serviceCategories } from '../../../shared/volunteers/codes';
import type { Team } from '../../../shared/volunteers/volunteers';

export const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export function useTeams() {
  return useQuery({ queryKey: ['volunteer-teams'], queryFn: () => api.get<Team[]>('/api/volunteers/teams') });
}

export function CategoryField() {
  return (
    <Form.Item name="categories" label="服务类别" rules={[{ required: true, message: '请至少选择一个服务类别' }]}>
      <Checkbox.Group options={options(serviceCategories)} data-testid="volunteer-categories" />
    </Form.Item>
  );
}

export function TimesField() {
  return (
    <Form.Item name="availableTimes" label="可服务时间" rules={[{ required: true, message: '请至少选择一项可服务时间' }]}>
      <Checkbox.Group options={options(availableTimes)} data-testid="volunteer-times" />
    </Form.Item>
  );
}

export function SkillsField() {
  return (
    <Form.Item name="skills" label="技能特长" extra="输入后按回车，可填写多项，如：急救、心理疏导、电脑维修">
      <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder="如：急救" data-testid="volunteer-skills" />
    </Form.Item>
  );
}

export function ChoiceFields() {
  const teams = useTeams();
  return (
    <>
      <CategoryField />
      <TimesField />
      <SkillsField />
      <Form.Item name="divisionCode" label="居住地（村、社区）" rules={[{ required: true, message: '请选择居住地（村、社区）' }]}>
        <DivisionPicker testId="volunteer-division" />
      </Form.Item>
      <Form.Item name="organisationId" label="加入的志愿服务组织" extra="可不选；选择后，该组织及其上级组织的工作人员可以查看该志愿者。">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="不加入组织"
          loading={teams.isLoading}
          options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))}
          data-testid="volunteer-team"
          style={{ maxWidth: 360 }}
        />
      </Form.Item>
    </>
  );
}

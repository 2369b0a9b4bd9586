import { App, Button } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, errorMessage, type Page } from '../../app/api';
import { ListError, PageHeader, ListTable, useUrlList } from '../../app/list';
import type { AllowanceRow } from '../../../shared/elderly-allowance/allowances';

/** 待确认首次发放: the township's newly 80, each to confirm with the payee account or refuse with a reason. */
export function WorklistPage() {
  const list = useUrlList<{ divisionCode?: string }>();
  const { message } = App.useApp();
  const { data, isFetching, error, refetch } = useQuery({
    queryKey: ['elderly-worklist', list.query],
    queryFn: () => api.get<Page<AllowanceRow>>(`/api/elderly-allowance/worklist${list.query}`),
  });
  const intake = async () => {
    try {
      const r = await api.post<{ opened: number }>('/api/elderly-allowance/intake');
      message.success(r.opened ? `新列入 ${r.opened} 人` : '没有新满 80 周岁的人员');
      void refetch();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <div>
      <PageHeader
        title="待确认首次发放"
        sub="人口库中本辖区新满 80 周岁（本月满的，自次月起发放）的户籍老人。核实后确认首次发放并登记发放账户，或写明理由不予发放；确认前不进入发放名册。"
        extra={
          <Button onClick={() => void intake()} data-testid="elderly-intake">
            生成待确认名单
          </Button>
        }
      />
      <ListError error={error} />
      <ListTable<AllowanceRow>
        list={list}
        page={data}
        loading={isFetching}
        unit="人"
        rowId="elderly-work-row"
        empty={{ none: '没有待确认的人员。平台每天从人口库生成名单，也可点击“生成待确认名单”。' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'idNumber' },
          { title: '出生日期', dataIndex: 'birthDate' },
          { title: '户籍地', dataIndex: 'divisionName' },
          { title: '起始月份', dataIndex: 'startMonth' },
          { title: '', key: 'open', render: (_, r) => <Link to={`/elderly-allowance/allowances/${r.id}`}>办理</Link> },
        ]}
      />
    </div>
  );
}

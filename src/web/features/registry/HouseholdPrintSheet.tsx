import { yuan } from '../../../shared/money';
import { useMe } from '../../app/auth';
import { isRunning } from './BenefitTable';
import { disabilityText, relationName, sexes } from '../../../shared/registry-codes';
import type { HouseholdDetail } from '../../../shared/registry/households';
import { today } from '../../app/today';

/**
 * The household on paper (shown only by @media print): the sheet a village officer has the head of
 * household sign. ID numbers stay masked on paper as on screen.
 */
export function HouseholdPrintSheet({ household: h }: { household: HouseholdDetail }) {
  const { data: me } = useMe();
  const running = h.benefits.filter(isRunning);
  return (
    <div className="print-only print-sheet" data-testid="household-print-sheet">
      <h1>家庭成员及待遇情况登记表</h1>
      <div className="print-meta">
        <span>户编号：{h.householdNo}</span>
        <span>打印日期：{today().format('YYYY年M月D日')}</span>
      </div>
      <table>
        <tbody>
          <tr>
            <th>所在地</th>
            <td colSpan={3}>{h.divisionName}</td>
          </tr>
          <tr>
            <th>家庭住址</th>
            <td>{h.address}</td>
            <th>户主</th>
            <td>{h.headName}</td>
          </tr>
          <tr>
            <th>家庭人数</th>
            <td>{h.memberCount} 人</td>
            <th>享受中待遇</th>
            <td>
              {running.length} 项，每月合计 {yuan(running.reduce((s, b) => s + b.monthlyAmountFen, 0))} 元
            </td>
          </tr>
        </tbody>
      </table>
      <h2>一、家庭成员</h2>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>姓名</th>
            <th>与户主关系</th>
            <th>性别</th>
            <th>出生日期</th>
            <th>身份证号</th>
            <th>户籍地</th>
            <th>残疾情况</th>
          </tr>
        </thead>
        <tbody>
          {h.members.map((m, i) => (
            <tr key={m.id}>
              <td>{i + 1}</td>
              <td className="nowrap">{m.name}</td>
              <td>{relationName(m.relation)}</td>
              <td>{m.sex ? sexes[m.sex] : ''}</td>
              <td className="nowrap">{m.birthDate}</td>
              <td className="nowrap">{m.idNumberMasked ?? '无'}</td>
              <td>{m.hukouDivisionName}</td>
              <td>{disabilityText(m) || '无'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>二、待遇记录</h2>
      <table>
        <thead>
          <tr>
            <th>人员</th>
            <th>待遇类别</th>
            <th>月金额（元）</th>
            <th>起始月份</th>
            <th>截止月份</th>
            <th>来源</th>
          </tr>
        </thead>
        <tbody>
          {h.benefits.length === 0 ? (
            <tr>
              <td colSpan={6} style={{ textAlign: 'center' }}>
                无
              </td>
            </tr>
          ) : (
            h.benefits.map((b) => (
              <tr key={b.id}>
                <td>{b.personName}</td>
                <td>{b.typeName}</td>
                <td className="num">{yuan(b.monthlyAmountFen)}</td>
                <td>{b.startMonth}</td>
                <td>{b.endMonth ?? '—'}</td>
                <td>{b.sourceName}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <p>本人承诺以上家庭成员信息真实、完整。</p>
      <div className="print-signs">
        <span>户主（签字）：＿＿＿＿＿＿</span>
        <span>经办人：{me?.displayName ?? '＿＿＿＿'}</span>
        <span>村（居）委会（盖章）</span>
        <span>＿＿年＿＿月＿＿日</span>
      </div>
      <div className="print-note">
        说明：身份证号按规定脱敏打印。本表由济民民政业务一体化平台生成，经办单位：{me?.organisationName ?? me?.divisionName}。
      </div>
    </div>
  );
}

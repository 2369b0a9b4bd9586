import type { ThemeConfig } from 'antd';

/** Government-software look: a deep blue for actions, the bureau red only as a brand mark. */
export const brand = {
  navy: '#143a66',
  blue: '#1d5fa8',
  red: '#b4232a',
  gold: '#d9a441',
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: brand.blue,
    colorLink: brand.blue,
    borderRadius: 3,
    fontSize: 14,
    colorBgLayout: '#eef1f5',
    fontFamily: "-apple-system, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  },
  components: {
    Layout: { headerBg: brand.navy, headerHeight: 52, headerPadding: '0 20px', siderBg: '#fff', bodyBg: '#eef1f5' },
    Table: { headerBg: '#f3f5f8', headerColor: '#333', rowHoverBg: '#f0f6ff' },
    Card: { headerFontSize: 15 },
    Descriptions: { labelBg: '#f7f8fa' },
  },
};

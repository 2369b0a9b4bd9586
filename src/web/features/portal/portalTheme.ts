import type { ThemeConfig } from 'antd';
import { brand } from '../../app/theme';

/**
 * The resident portal's look (适老化), as antd tokens scoped to the portal's ConfigProvider: text of
 * 16 px everywhere, or in 长辈版 (elder mode) 18 px, darker text (contrast ≥ 7:1, WCAG AAA, against
 * every background the portal uses: white, the page's grey, table heads) and controls 44 px high.
 * The colours' ratios, against white / the layout grey:
 *   normal: secondary #595959 7.0 / 6.2, link #1d5fa8 6.5 / 5.7 (hovered #2a6bb0 5.5), error #c41d1d 5.9
 *   长辈版: text #141414 18 / 16, secondary #333 12.6 / 11.2, link and buttons #174f8c 8.3 / 7.3
 *           (hovered #19589a 7.2), error #a8071a 7.8, white on the primary 8.3, on the emblem #9e1c22 8.0
 */
export interface PortalLook {
  elder: boolean;
  fontSize: number;
  /** Colour of secondary text (hints) for what antd does not draw. */
  secondary: string;
  text: string;
  emblem: string;
  header: string;
  /** Smallest tap target of a control, px. */
  target: number;
}

export function portalLook(elder: boolean): PortalLook {
  return elder
    ? { elder, fontSize: 18, text: '#141414', secondary: '#333333', emblem: '#9e1c22', header: brand.navy, target: 44 }
    : { elder, fontSize: 16, text: 'rgba(0, 0, 0, 0.88)', secondary: '#595959', emblem: brand.red, header: brand.navy, target: 32 };
}

export function portalTheme(look: PortalLook): ThemeConfig {
  const { elder, fontSize } = look;
  const primary = elder ? '#174f8c' : brand.blue;
  const controlHeight = elder ? 44 : 36;
  return {
    token: {
      fontSize,
      fontSizeSM: fontSize,
      fontSizeLG: fontSize + 2,
      fontSizeHeading4: fontSize + 4,
      fontSizeHeading5: fontSize + 2,
      lineHeight: 1.6,
      colorPrimary: primary,
      // Hover and pressed shades chosen, not derived: antd's lighter hover would drop below the ratio.
      colorPrimaryHover: elder ? '#19589a' : '#2a6bb0',
      colorPrimaryActive: elder ? '#0f3d6e' : brand.navy,
      colorLink: primary,
      colorLinkHover: elder ? '#19589a' : '#2a6bb0',
      colorLinkActive: elder ? '#0f3d6e' : brand.navy,
      colorInfo: primary,
      colorInfoBg: '#eef5fd',
      colorInfoBorder: '#b7d0ee',
      colorText: look.text,
      colorTextHeading: look.text,
      colorTextLabel: elder ? '#262626' : '#404040',
      colorTextSecondary: look.secondary,
      colorTextTertiary: look.secondary,
      colorTextDescription: look.secondary,
      colorTextPlaceholder: elder ? '#4d4d4d' : '#6b6b6b',
      colorIcon: look.secondary,
      colorError: elder ? '#a8071a' : '#c41d1d',
      colorBgLayout: elder ? '#f4f6f8' : '#eef1f5',
      controlHeight,
      controlHeightSM: elder ? 44 : 28,
      controlHeightLG: elder ? 52 : 44,
      controlInteractiveSize: elder ? 22 : 18,
    },
    components: {
      Card: { headerFontSize: fontSize + 2, headerFontSizeSM: fontSize + 1, headerHeightSM: elder ? 52 : 44 },
      Button: { contentFontSizeSM: fontSize, contentFontSize: fontSize, contentFontSizeLG: fontSize + 2 },
      Table: { headerBg: '#f3f5f8', headerColor: look.text, cellFontSizeSM: fontSize, cellFontSize: fontSize },
      Descriptions: { labelBg: '#f7f8fa', labelColor: look.secondary, contentColor: look.text },
      Steps: { descriptionMaxWidth: 240 },
      Switch: elder
        ? { trackHeight: 30, trackMinWidth: 58, handleSize: 26, innerMaxMargin: 32, innerMinMargin: 10 }
        : { trackHeight: 24, trackMinWidth: 48, handleSize: 20 },
      Tag: { defaultColor: look.text },
      Alert: { withDescriptionPadding: '12px 16px' },
    },
  };
}

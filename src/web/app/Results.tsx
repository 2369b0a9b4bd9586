import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export function ForbiddenResult() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色没有此功能的权限。如工作需要，请联系本级系统管理员调整角色。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}

export function NotFoundResult({
  title = '页面不存在',
  back = '/',
  backLabel = '返回首页',
}: {
  title?: string;
  back?: string;
  backLabel?: string;
}) {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={title}
      subTitle="请检查地址，或从左侧菜单进入。"
      extra={
        <Button type="primary" onClick={() => navigate(back)}>
          {backLabel}
        </Button>
      }
    />
  );
}

/** A page that failed to render shows a message instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title="页面出错了"
        subTitle="请刷新页面重试；如反复出现，请将操作步骤告知系统管理员。"
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        }
      />
    );
  }
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Spin } from 'antd';
import type { Permission } from '../../shared/permissions';
import type { Me } from '../../shared/auth/account';
import { api, ApiError, PASSWORD_CHANGE_EVENT, SESSION_ENDED_EVENT } from './api';
import { ForbiddenResult } from './Results';

export const ME_KEY = ['me'] as const;

/** The signed-in account, or null when nobody is signed in. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api.get<Me>('/api/auth/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

/** `can('registry.unmask')`: buttons are shown only for what the account may do. */
export function useCan() {
  const { data } = useMe();
  return (permission: Permission) => Boolean(data?.permissions.includes(permission));
}

/** Logs out and goes to the matching login page. */
export function useLogout() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async (to: '/login' | '/portal/login' = '/login') => {
    await api.post('/api/auth/logout').catch(() => undefined);
    client.clear();
    client.setQueryData(ME_KEY, null);
    void navigate(to, { replace: true });
  };
}

/**
 * Sends the user where the account must go: the login page, the forced password change, the
 * second-factor setup that the role requires; residents only ever see /portal.
 */
export function RequireAuth({ children, resident = false }: { children: ReactNode; resident?: boolean }) {
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  useSessionEvents();
  if (isLoading) return <Spin size="large" style={{ display: 'block', margin: '120px auto' }} />;
  if (!me) return <Navigate to={resident ? '/portal/login' : '/login'} replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  if (me.kind === 'resident') {
    if (!location.pathname.startsWith('/portal') && location.pathname !== '/change-password') return <Navigate to="/portal" replace />;
    return <>{children}</>;
  }
  if (resident) return <Navigate to="/" replace />;
  if (!me.mustChangePassword && me.totpRequired && !me.totpEnabled && location.pathname !== '/account')
    return <Navigate to="/account" replace />;
  return <>{children}</>;
}

/** A page for holders of a permission; others see 无权访问 (the API would answer 403 anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  return can(permission) ? <>{children}</> : <ForbiddenResult />;
}

/** Reacts to the API client's events: an ended session, a password that must be changed first. */
function useSessionEvents() {
  const client = useQueryClient();
  const navigate = useNavigate();
  useEffect(() => {
    const onEnded = () => {
      const resident = window.location.pathname.startsWith('/portal');
      client.clear();
      client.setQueryData(ME_KEY, null);
      void navigate(resident ? '/portal/login' : '/login', { replace: true, state: { expired: true } });
    };
    const onPasswordChange = () => void client.invalidateQueries({ queryKey: ME_KEY });
    window.addEventListener(SESSION_ENDED_EVENT, onEnded);
    window.addEventListener(PASSWORD_CHANGE_EVENT, onPasswordChange);
    return () => {
      window.removeEventListener(SESSION_ENDED_EVENT, onEnded);
      window.removeEventListener(PASSWORD_CHANGE_EVENT, onPasswordChange);
    };
  }, [client, navigate]);
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { Spin } from 'antd';
import { api, ApiError } from './api';

export interface Me {
  id: number;
  kind: 'staff' | 'resident';
  username: string;
  displayName: string;
  roles: string[];
  permissions: string[];
  divisionCode: string;
  divisionName: string;
  organisationId: number | null;
  organisationName: string | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
  personId: number | null;
}

export function useMe() {
  return useQuery<Me | null>({
    queryKey: ['me'],
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

export function useCan() {
  const { data } = useMe();
  return (permission: string) => Boolean(data?.permissions.includes(permission));
}

/** Sends the user where the account must go: login, password change, second-factor setup. */
export function RequireAuth({ children, resident = false }: { children: React.ReactNode; resident?: boolean }) {
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(() => {
    const onExpired = () => {
      client.setQueryData(['me'], null);
      navigate('/login', { replace: true });
    };
    window.addEventListener('jimin:unauthenticated', onExpired);
    return () => window.removeEventListener('jimin:unauthenticated', onExpired);
  }, [client, navigate]);
  if (isLoading) return <Spin style={{ margin: 80 }} />;
  if (!me) return <Navigate to={resident ? '/portal/login' : '/login'} replace state={{ from: location.pathname }} />;
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  if (!me.mustChangePassword && me.totpRequired && !me.totpEnabled && location.pathname !== '/account') return <Navigate to="/account" replace />;
  if (me.kind === 'resident' && !location.pathname.startsWith('/portal')) return <Navigate to="/portal" replace />;
  if (me.kind === 'staff' && resident) return <Navigate to="/" replace />;
  return <>{children}</>;
}

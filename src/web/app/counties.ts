import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import { useMe } from './auth';
import { countyOf, levelOf } from '../../shared/divisions';
import type { DivisionNode, DivisionDetail } from '../../shared/divisions/tree';

/** The counties (县市区) a user may pick: the city's twelve for a city user, their own for a county user. */
export function useCounties() {
  const { data: me } = useMe();
  const root = me?.divisionCode ?? '';
  return useQuery({
    queryKey: ['assistance-counties', root],
    enabled: Boolean(root),
    staleTime: Infinity,
    queryFn: async (): Promise<{ code: string; name: string }[]> => {
      if (levelOf(root) === 'city')
        return (await api.get<DivisionNode[]>(`/api/divisions/children?parent=${root}`)).map((d) => ({ code: d.code, name: d.name }));
      const county = await api.get<DivisionDetail>(`/api/divisions/${countyOf(root)}`);
      return [{ code: county.code, name: county.name }];
    },
  });
}

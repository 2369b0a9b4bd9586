/**
 * The visit form (登记探访), made for a phone at 375 px: who (the person, shown), when (now, editable),
 * where, the situation found, needs and follow-up, and photos taken with the phone's camera (JPG or
 * PNG, uploaded as they are taken). Large fields and buttons; nothing wider than the screen.
 */
import { useRef, useState } from 'react';
import { Alert, App, Button, Form, Input, Spin, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, dateTime, errorMessage } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { NotFoundResult } from '../../app/Results';
import type { PersonVisitsAnswer, PhotoUploaded, VisitInput, VisitRecorded } from '../../../shared/visits/visits';
import { phone, StateTag } from './shared';

interface Values {
  visitedAt: string;
  place: string;
  situation: string;
  needs?: string;
  followUp?: string;
}

/** Now in Beijing time, as a datetime-local input shows it (2026-12-04T19:30). */
const nowLocal = () => dateTime(new Date().toISOString()).replace(' ', 'T').slice(0, 16);

export function VisitFormPage() {
  const { programme, personId } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<PhotoUploaded[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const base = `/api/visits/${programme}/persons/${personId}`;
  const person = useQuery({ queryKey: ['visit-person', programme, personId], queryFn: () => api.get<PersonVisitsAnswer>(base) });
  if (person.error) return <NotFoundResult title={errorMessage(person.error)} back="/visits/mine" backLabel="返回我的探访" />;
  if (!person.data) return <Spin style={{ display: 'block', margin: 60 }} />;
  const plan = person.data.plan;

  const upload = async (files: FileList | null) => {
    if (!files?.length) return;
    setUploading(true);
    setError(null);
    try {
      for (const file of Array.from(files)) {
        const body = new FormData();
        body.append('file', file, file.name);
        const r = await api.post<PhotoUploaded>(`${base}/photos`, body);
        setPhotos((list) => [...list, r]);
      }
    } catch (e) {
      setError(errorMessage(e, '照片上传失败'));
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    const body: VisitInput = {
      visitedAt: `${v.visitedAt}:00+08:00`,
      place: v.place,
      situation: v.situation,
      needs: v.needs || undefined,
      followUp: v.followUp || undefined,
      photoFileIds: photos.map((p) => p.fileId),
    };
    try {
      const r = await api.post<VisitRecorded>(`${base}/visits`, body);
      message.success(`已登记探访，下次应于 ${r.plan.dueDate} 前探访`);
      void client.invalidateQueries({ queryKey: ['visits-mine'] });
      void client.invalidateQueries({ queryKey: ['visit-person'] });
      void navigate('/visits/mine');
    } catch (e) {
      setError(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={phone} data-testid="visit-form">
      <h2 className="page-title">登记探访</h2>
      <div style={{ marginBottom: 12 }}>
        <div style={{ fontSize: 18, fontWeight: 600 }} data-testid="visit-person-name">
          {plan.name}
        </div>
        <div className="hint" style={{ overflowWrap: 'anywhere' }}>
          {plan.divisionName} · {plan.categoryName}
        </div>
        <StateTag plan={plan} />
      </div>
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        onFinish={submit}
        initialValues={{ visitedAt: nowLocal(), place: '本人家中' }}
      >
        <Form.Item name="visitedAt" label="探访时间" rules={[{ required: true, message: '请填写探访时间' }]}>
          <Input type="datetime-local" data-testid="visit-time" />
        </Form.Item>
        <Form.Item name="place" label="探访地点" rules={[{ required: true, min: 2, message: '请填写探访地点' }]}>
          <Input data-testid="visit-place" />
        </Form.Item>
        <Form.Item name="situation" label="探访情况" rules={[{ required: true, min: 2, message: '请填写探访情况' }]}>
          <Input.TextArea rows={4} maxLength={2000} placeholder="身体、居住、生活状况等" data-testid="visit-situation" />
        </Form.Item>
        <Form.Item name="needs" label="需求">
          <Input.TextArea rows={2} maxLength={2000} data-testid="visit-needs" />
        </Form.Item>
        <Form.Item name="followUp" label="后续跟进">
          <Input.TextArea rows={2} maxLength={2000} data-testid="visit-follow-up" />
        </Form.Item>
        <Form.Item label="照片（JPG 或 PNG，最多 9 张）">
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            hidden
            onChange={(e) => void upload(e.target.files)}
            data-testid="visit-photo-input"
          />
          <Button block onClick={() => fileInput.current?.click()} loading={uploading} disabled={photos.length >= 9}>
            拍照或选择照片
          </Button>
          <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }} data-testid="visit-photos">
            {photos.map((p) => (
              <Tag key={p.fileId} closable onClose={() => setPhotos((l) => l.filter((x) => x.fileId !== p.fileId))}>
                {p.name || '照片'}
              </Tag>
            ))}
          </div>
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="visit-error" />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="visit-submit" style={{ height: 48 }}>
          提交探访记录
        </Button>
        <Button block type="link" onClick={() => navigate(-1)} style={{ marginTop: 8 }}>
          返回
        </Button>
      </Form>
    </div>
  );
}

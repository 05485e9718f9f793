import { Anchor, Paper } from '@mantine/core';
import { ItemForm } from '../components/forms/item-form';
import { PageHeader } from '../components/page-header';
import { href, navigate } from '../hooks/use-route';

export function NewItemPage() {
  return (
    <>
      <PageHeader
        above={
          <Anchor href={href('/items')} size="sm">
            ← Items
          </Anchor>
        }
        title="New item"
        description="SKU and name are required; everything else can be filled in later."
      />
      <Paper withBorder radius="md" p="lg" maw={860}>
        <ItemForm onCreated={(item) => navigate(`/items/${item.id}`, { replace: true })} onCancel={() => navigate('/items')} />
      </Paper>
    </>
  );
}

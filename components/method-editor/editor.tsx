/** The four parts of the method, each a section with its heading, after a table of contents. */
import type { EditorProps } from './changes';
import { CategoriesSection, ChannelsSection } from './catalogue';
import { ChecklistsSection } from './checklists';
import { StagesSection } from './stages';
import { StandardsSection } from './standards';
import { TypesSection } from './types';

export function MethodEditor(props: EditorProps) {
  const { t } = props;
  return (
    <>
      <nav class="method-nav" aria-label={t('mpContents')}>
        <a href="#method-types">{t('mpTypes')}</a>
        <a href="#method-stages">{t('mpStages')}</a>
        <a href="#method-checklists">{t('mpChecklists')}</a>
        <a href="#method-standards">{t('standards')}</a>
        <a href="#method-categories">{t('catCategories')}</a>
        <a href="#method-channels">{t('catChannels')}</a>
        <a href="#method-inventory">{t('invTitle')}</a>
      </nav>
      <TypesSection {...props} />
      <StagesSection {...props} />
      <ChecklistsSection {...props} />
      <StandardsSection {...props} />
      <CategoriesSection {...props} />
      <ChannelsSection {...props} />
    </>
  );
}

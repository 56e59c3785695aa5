/** Strings of one feature (see ./define.ts): editable categories and channels, and step tags. */
import { defineWords } from './define';

export const catalogueWords = defineWords({
  en: {
    // Method page: categories and channels
    catCategories: 'Categories',
    catCategoriesHelp:
      'Mann’s categories group the touchpoint types. Rename one in your client’s words, hide one this audit does not need, or add your own. Hidden categories are not offered for new steps; steps and types that use one keep it. Clear a built-in name to get its built-in wording back.',
    catChannels: 'Channels',
    catChannelsHelp:
      'Where a contact happens. Rename, hide or add channels; “Offline” channels are offered when you log an offline contact (a call, a letter, a visit). Hidden channels are not offered for new steps; steps and walks that use one keep it.',
    catCategoryCount: 'categories: {n}',
    catChannelCount: 'channels: {n}',
    catAddCategory: 'Add a category',
    catAddChannel: 'Add a channel',
    catCategoryName: 'Category name',
    catChannelName: 'Channel name',
    catOffline: 'Offline',
    catOfflineOf: '“{name}” is an offline channel',
    catOfflineNew: 'Offline channel',
    catWhatOffline: '“{name}” is now an offline channel',
    catWhatOnline: '“{name}” is now an online channel',
    catExists: 'There is already a {what} “{name}”: choose another name.',
    catCategoryWord: 'category',
    catChannelWord: 'channel',
    catInUseType:
      '“{name}” is used by the type “{type}”: hide it instead, or change that type first.',
    catInUseWalk:
      '“{name}” is the entry channel of a walk of “{journey}”: hide it instead, or change that walk first.',
    catInUseStandard:
      '“{name}” answers the standard “{standard}”: hide it instead, or take it off that standard first.',
    // Side panel: tags of a step
    tagTags: 'Tags',
    tagInput: 'Add tags',
    tagInputHint:
      'Separate tags with commas; Enter adds them. At most {max} tags, {len} characters each.',
    tagAddButton: 'Add tag',
    tagRemoveOf: 'Remove the tag “{tag}”',
    tagListOf: 'Tags of step {n}',
    tagAdded: 'Tag added to step {n}: {tags}.',
    tagsAdded: 'Tags added to step {n}: {tags}.',
    tagRemoved: 'Tag “{tag}” removed from step {n}.',
    tagEmpty: 'Type a tag first.',
    tagDuplicate: 'Step {n} already has the tag “{tag}”: not added again.',
    tagTwice: '“{tag}” was typed twice: added once.',
    tagTooLong: '“{tag}” has {length} characters; a tag has at most {max}: not added.',
    tagTooMany: 'A step holds at most {max} tags: {tags} not added.',
    tagNone: 'No tags yet.',
    // Side panel: the filter over the step list
    tagFilter: 'Show steps with the tag',
    tagFilterAll: 'All steps',
    tagFilterShown: '{n} of {total} steps have the tag “{tag}”.',
    tagFilterNone: 'No step of this walk has the tag “{tag}”.',
    tagFilterClear: 'Show all steps',
    // Report: steps by tag
    tagReportHelp:
      'Each tag with the steps that carry it: the mean experience of those steps per brand, and the weak links among them.',
    tagReportNone: 'No step of the compared walks has a tag.',
    tagReportTag: 'Tag',
    tagReportSteps: 'Steps',
    tagReportWeak: 'Weak links',
    tagReportCaption: 'Mean experience (1–5) of the tagged steps, per brand',
    tagReportStepsOf: 'Steps tagged “{tag}”',
    tagReportNotTagged: 'no step tagged',
  },
  ru: {
    catCategories: 'Категории',
    catCategoriesHelp:
      'Категории Манна группируют типы точек контакта. Переименуйте категорию словами клиента, скройте ненужную в этом аудите или добавьте свою. Скрытые категории не предлагаются для новых шагов; шаги и типы, у которых категория уже выбрана, сохраняют её. Очистите название встроенной категории, чтобы вернуть исходное.',
    catChannels: 'Каналы',
    catChannelsHelp:
      'Где происходит контакт. Переименуйте, скройте или добавьте каналы; офлайн-каналы предлагаются, когда вы записываете офлайн-контакт (звонок, письмо, визит). Скрытые каналы не предлагаются для новых шагов; шаги и пути, у которых канал уже выбран, сохраняют его.',
    catCategoryCount: 'категорий: {n}',
    catChannelCount: 'каналов: {n}',
    catAddCategory: 'Добавить категорию',
    catAddChannel: 'Добавить канал',
    catCategoryName: 'Название категории',
    catChannelName: 'Название канала',
    catOffline: 'Офлайн',
    catOfflineOf: '«{name}» — офлайн-канал',
    catOfflineNew: 'Офлайн-канал',
    catWhatOffline: '«{name}» теперь офлайн-канал',
    catWhatOnline: '«{name}» теперь онлайн-канал',
    catExists: '{what} «{name}» уже есть: выберите другое название.',
    catCategoryWord: 'Категория',
    catChannelWord: 'Канал',
    catInUseType:
      '«{name}» используется в типе «{type}»: скройте его или сначала измените этот тип.',
    catInUseWalk:
      '«{name}» — канал входа пути бренда «{journey}»: скройте его или сначала измените этот путь.',
    catInUseStandard:
      '«{name}» — канал ответа для стандарта «{standard}»: скройте его или сначала уберите его из стандарта.',
    tagTags: 'Теги',
    tagInput: 'Добавить теги',
    tagInputHint:
      'Разделяйте теги запятыми; Enter добавляет их. Не больше {max} тегов, до {len} символов каждый.',
    tagAddButton: 'Добавить тег',
    tagRemoveOf: 'Убрать тег «{tag}»',
    tagListOf: 'Теги шага {n}',
    tagAdded: 'Шагу {n} добавлен тег: {tags}.',
    tagsAdded: 'Шагу {n} добавлены теги: {tags}.',
    tagRemoved: 'Тег «{tag}» убран с шага {n}.',
    tagEmpty: 'Сначала введите тег.',
    tagDuplicate: 'У шага {n} уже есть тег «{tag}»: повторно не добавлен.',
    tagTwice: '«{tag}» введён дважды: добавлен один раз.',
    tagTooLong: 'В «{tag}» {length} симв., а в теге может быть не больше {max}: тег не добавлен.',
    tagTooMany: 'У шага может быть не больше {max} тегов: не добавлены {tags}.',
    tagNone: 'Тегов пока нет.',
    tagFilter: 'Показать шаги с тегом',
    tagFilterAll: 'Все шаги',
    tagFilterShown: 'Тег «{tag}» есть у {n} из {total} шагов.',
    tagFilterNone: 'Ни у одного шага этого пути нет тега «{tag}».',
    tagFilterClear: 'Показать все шаги',
    tagReportHelp:
      'Каждый тег и шаги с ним: средняя оценка опыта на этих шагах по брендам и слабые звенья среди них.',
    tagReportNone: 'Ни у одного шага сравниваемых путей нет тегов.',
    tagReportTag: 'Тег',
    tagReportSteps: 'Шаги',
    tagReportWeak: 'Слабые звенья',
    tagReportCaption: 'Средняя оценка опыта (1–5) на шагах с тегом, по брендам',
    tagReportStepsOf: 'Шаги с тегом «{tag}»',
    tagReportNotTagged: 'нет шагов с тегом',
  },
});

/**
 * The built-in audit method (DESIGN.md, seeds/): touchpoint types, checklist templates and service
 * standards with en + ru wording, and how an audit's overrides (lib/model/method.ts) resolve
 * against them. Pure data and pure functions.
 */
import type {
  AuditMethod,
  ChecklistItem,
  ChecklistTemplate,
  Standard,
  TimeUnit,
  TouchpointType,
} from '../model';
import type { CategoryId, ChannelId } from '../model/ids';
import {
  STAGE_IDS,
  stageLabel,
  type Labels,
  type Locale,
  type StageId,
} from './stages-and-channels';

/** A built-in touchpoint type: where it sits in Mann's categories, the lifecycle and the channels. */
export interface BuiltinType extends Labels {
  readonly id: string;
  readonly category: CategoryId;
  readonly stage: StageId;
  readonly channel: ChannelId;
}

/** The checks of the page's DOM at capture that can pre-answer a checklist item. */
export const PROOF_IDS = [
  'phone-first-screen',
  'price-currency',
  'consent-checkbox',
  'form-fields',
  'required-fields',
  'chat-widget',
  'page-language',
] as const;
export type ProofId = (typeof PROOF_IDS)[number];

/** A built-in checklist question; "yes" is the good answer. */
export interface BuiltinItem extends Labels {
  /** `${templateId}.${slug}` */
  readonly id: string;
  readonly weight: number;
  readonly critical: boolean;
  /** What the page's DOM can prove of it at capture (pre-answered "from the page"); absent: none. */
  readonly proof?: ProofId;
}

export interface BuiltinChecklist extends Labels {
  readonly id: string;
  readonly types: readonly string[];
  readonly stages: readonly StageId[];
  readonly items: readonly BuiltinItem[];
}

export interface BuiltinStandard extends Labels {
  readonly id: string;
  readonly target: number;
  readonly unit: TimeUnit;
  readonly measure: Standard['measure'];
  readonly answerChannels: readonly ChannelId[];
}

/** Touchpoint types, by lifecycle stage, then by Mann's category. */
export const BUILTIN_TYPES: readonly BuiltinType[] = [
  ...stage('first-mention', {
    'search-ad': ['communications', 'search', 'Search ad', 'Контекстная реклама в поиске'],
    'display-ad': [
      'communications',
      'online-ad',
      'Targeted or display ad',
      'Таргетированная и медийная реклама',
    ],
    'outdoor-ad': ['communications', 'print', 'Outdoor ad', 'Наружная реклама'],
    'social-post': ['communications', 'social', 'Social media post', 'Публикация в соцсети'],
    referral: ['communications', 'other', 'Recommendation from a friend', 'Рекомендация знакомых'],
    signage: ['premises', 'print', 'Sign on the building', 'Вывеска на здании'],
    'cold-call': ['staff', 'phone', 'Cold call from a manager', 'Холодный звонок менеджера'],
    'business-card': ['materials', 'document', 'Business card', 'Визитная карточка'],
  }),
  ...stage('information', {
    'review-site': [
      'communications',
      'marketplace',
      'Reviews on a review site',
      'Отзывы на сайте-отзовике',
    ],
    newsletter: ['communications', 'email', 'Email newsletter', 'Email-рассылка'],
    'price-list': ['product', 'document', 'Price list', 'Прайс-лист'],
    'catalogue-page': ['product', 'website', 'Catalogue page', 'Страница каталога'],
    'product-card': ['product', 'website', 'Product or service page', 'Карточка товара или услуги'],
    'home-page': ['technology', 'website', 'Home page', 'Главная страница сайта'],
    'landing-page': ['technology', 'website', 'Landing page', 'Посадочная страница'],
    calculator: ['technology', 'website', 'Price calculator', 'Калькулятор стоимости'],
    faq: ['technology', 'website', 'FAQ', 'Раздел «Вопросы и ответы»'],
    'blog-article': ['technology', 'website', 'Blog article', 'Статья в блоге компании'],
    'phone-on-site': [
      'technology',
      'website',
      'Phone number on the site',
      'Номер телефона на сайте',
    ],
    booklet: ['materials', 'print', 'Booklet or leaflet', 'Буклет или листовка'],
  }),
  ...stage('contact', {
    'office-visit': ['premises', 'office', 'Office visit', 'Визит в офис'],
    'web-form': ['technology', 'website', 'Web form', 'Веб-форма заявки'],
    'callback-request': [
      'technology',
      'website',
      'Callback request on the site',
      'Заказ обратного звонка на сайте',
    ],
    'thank-you-page': ['technology', 'website', 'Thank-you page', 'Страница «Спасибо за заявку»'],
    'auto-reply': ['technology', 'email', 'Auto-reply email', 'Автоответ на письмо'],
    'confirmation-email': ['technology', 'email', 'Confirmation email', 'Письмо-подтверждение'],
    'online-chat': ['technology', 'web-chat', 'Online chat', 'Онлайн-чат'],
    ivr: ['technology', 'phone', 'IVR (voice menu)', 'Голосовое меню (IVR)'],
    'call-centre-call': ['staff', 'phone', 'Call-centre call', 'Звонок в колл-центр'],
    callback: ['staff', 'phone', 'Callback', 'Обратный звонок'],
    'messenger-chat': ['staff', 'messenger', 'Messenger chat', 'Переписка в мессенджере'],
    'manager-email': ['staff', 'email', "Manager's email", 'Письмо менеджера'],
  }),
  ...stage('offer', {
    meeting: ['staff', 'office', 'Meeting with a manager', 'Встреча с менеджером'],
    'follow-up-email': [
      'staff',
      'email',
      'Follow-up email after talks',
      'Письмо по итогам переговоров',
    ],
    'commercial-offer': [
      'materials',
      'document',
      'Commercial offer (PDF)',
      'Коммерческое предложение (PDF)',
    ],
    presentation: ['materials', 'document', 'Presentation', 'Презентация компании'],
  }),
  ...stage('contract', {
    contract: ['materials', 'document', 'Contract', 'Договор'],
  }),
  ...stage('payment', {
    'payment-page': ['technology', 'website', 'Payment page', 'Страница оплаты'],
    invoice: ['materials', 'document', 'Invoice', 'Счёт'],
    'payment-receipt': ['materials', 'document', 'Payment receipt', 'Чек об оплате'],
  }),
  ...stage('delivery', {
    packaging: ['product', 'delivery', 'Packaging', 'Упаковка'],
    delivery: ['product', 'delivery', 'Delivery', 'Доставка'],
    courier: ['staff', 'delivery', 'Courier', 'Курьер'],
  }),
  ...stage('onboarding', {
    'welcome-email': ['communications', 'email', 'Welcome email', 'Приветственное письмо'],
    'personal-account': ['technology', 'website', 'Personal account', 'Личный кабинет'],
    'onboarding-call': ['staff', 'phone', 'Onboarding call', 'Звонок по подключению'],
    installation: ['staff', 'other', 'Installation and setup', 'Монтаж и настройка'],
    'user-guide': ['materials', 'document', 'User guide', 'Инструкция для клиента'],
  }),
  ...stage('support', {
    'knowledge-base': ['technology', 'website', 'Knowledge base', 'База знаний'],
    'support-phone': ['technology', 'phone', 'Support phone line', 'Телефон поддержки'],
    'support-ticket': ['staff', 'email', 'Support ticket', 'Обращение в поддержку'],
    'personal-manager': ['staff', 'phone', 'Personal manager', 'Персональный менеджер'],
    complaint: ['staff', 'email', 'Complaint', 'Жалоба или претензия'],
  }),
  ...stage('repeat-purchase', {
    'repeat-order-offer': [
      'communications',
      'email',
      'Repeat-order offer',
      'Предложение повторного заказа',
    ],
    'loyalty-programme': ['communications', 'other', 'Loyalty programme', 'Программа лояльности'],
  }),
  ...stage('feedback', {
    'satisfaction-survey': [
      'communications',
      'email',
      'Satisfaction survey',
      'Опрос удовлетворённости',
    ],
    'review-request': ['communications', 'email', 'Request for a review', 'Просьба оставить отзыв'],
    'nps-call': ['staff', 'phone', 'NPS call', 'Звонок для оценки NPS'],
  }),
  ...stage('cancellation', {
    cancellation: ['staff', 'other', 'Cancellation', 'Расторжение'],
    'retention-call': ['staff', 'phone', 'Retention call', 'Звонок с попыткой удержать клиента'],
    'termination-request': [
      'materials',
      'document',
      'Termination request',
      'Заявление о расторжении',
    ],
  }),
  ...stage('documents', {
    'closing-documents': ['materials', 'document', 'Closing documents', 'Закрывающие документы'],
    'reconciliation-act': ['materials', 'document', 'Reconciliation statement', 'Акт сверки'],
  }),
  ...stage('settlement', {
    refund: ['staff', 'other', 'Refund', 'Возврат денег'],
    'final-settlement': ['materials', 'document', 'Final settlement', 'Окончательный расчёт'],
  }),
];

/** Checklist templates drawn from the seeds; each question is phrased so that "yes" is good. */
export const BUILTIN_CHECKLISTS: readonly BuiltinChecklist[] = [
  checklist(
    'site-first-screen',
    'Website: first screen',
    'Сайт: первый экран',
    ['home-page', 'landing-page'],
    [
      item(
        'clear-offer',
        9,
        true,
        'Is it clear at once what the company does and for whom?',
        'Сразу понятно, чем занимается компания и для кого?',
      ),
      item(
        'contacts',
        8,
        true,
        'Is a phone number or another way to get in touch visible on the first screen?',
        'На первом экране виден телефон или другой способ связи?',
        'phone-first-screen',
      ),
      item(
        'call-to-action',
        8,
        false,
        'Is there a clear call to action (a button to order, call or send a request)?',
        'Есть понятный призыв к действию (кнопка заказа, звонка или заявки)?',
      ),
      item(
        'price',
        6,
        false,
        'Is there a price or a price indication ("from …")?',
        'Указана цена или ориентир по цене («от …»)?',
        'price-currency',
      ),
      item(
        'benefits',
        6,
        false,
        "Are the customer's benefits concrete (figures, not general phrases)?",
        'Выгоды для клиента сформулированы конкретно (в цифрах, а не общими словами)?',
      ),
      item(
        'trust',
        5,
        false,
        'Is there proof of reliability (reviews, clients, certificates, years on the market)?',
        'Есть подтверждения надёжности (отзывы, клиенты, сертификаты, годы на рынке)?',
      ),
      item(
        'address-hours',
        4,
        false,
        'Are the region or address and the working hours shown?',
        'Указаны регион или адрес и режим работы?',
      ),
      item(
        'loads-fast',
        6,
        false,
        'Did the page load quickly and display without errors?',
        'Страница загрузилась быстро и отображается без ошибок?',
      ),
      item(
        'brand-style',
        3,
        false,
        "Do the logo and style match the company's other materials?",
        'Логотип и фирменный стиль совпадают с другими материалами компании?',
      ),
      item(
        'chat',
        3,
        false,
        'Is there an online chat on the page?',
        'На странице есть онлайн-чат?',
        'chat-widget',
      ),
      item(
        'language',
        2,
        false,
        'Does the page declare its language (for screen readers and translation)?',
        'Страница указывает свой язык (для экранных дикторов и перевода)?',
        'page-language',
      ),
    ],
  ),
  checklist(
    'web-form',
    'Web form',
    'Веб-форма заявки',
    ['web-form', 'callback-request'],
    [
      item(
        'only-needed',
        7,
        false,
        'Does the form ask only for what is needed?',
        'Форма запрашивает только необходимое?',
      ),
      item(
        'mobile',
        5,
        false,
        'Is the form easy to fill in on a phone (fields, buttons, error hints)?',
        'Форму удобно заполнить с телефона (поля, кнопки, подсказки об ошибках)?',
      ),
      item(
        'privacy-consent',
        5,
        false,
        'Is the privacy consent shown?',
        'Показано согласие на обработку персональных данных?',
        'consent-checkbox',
      ),
      item(
        'what-next',
        6,
        false,
        'Is it clear what happens after sending (who will get in touch and when)?',
        'Понятно, что будет после отправки (кто и когда свяжется)?',
      ),
      item(
        'sent',
        9,
        true,
        'Was the form sent without errors at the first attempt?',
        'Форма отправилась без ошибок с первого раза?',
      ),
      item(
        'thanks',
        7,
        false,
        'Did a thank-you message appear after sending the form?',
        'После отправки формы появилось сообщение с благодарностью?',
      ),
      item(
        'auto-reply',
        6,
        false,
        'Did an auto-reply email arrive?',
        'Пришло автоматическое письмо-ответ?',
      ),
      item(
        'contacted',
        10,
        true,
        'Did the company get in touch about the request?',
        'Компания связалась с вами по заявке?',
      ),
      item(
        'few-fields',
        5,
        false,
        'Does the form ask for at most 5 fields?',
        'В форме не больше 5 полей?',
        'form-fields',
      ),
      item(
        'few-required',
        4,
        false,
        'Are at most 3 of its fields required?',
        'Обязательных полей не больше 3?',
        'required-fields',
      ),
    ],
  ),
  checklist(
    'phone-call',
    'Phone call',
    'Телефонный звонок',
    ['call-centre-call', 'callback', 'onboarding-call', 'support-phone'],
    [
      item(
        'answered',
        10,
        true,
        'Was the call answered (no missed call, no endless queue)?',
        'На звонок ответили (без пропущенного вызова и бесконечного ожидания)?',
      ),
      item(
        'ivr',
        5,
        false,
        'If there is a voice menu, did it quickly connect you to the right person?',
        'Если есть голосовое меню, оно быстро соединило с нужным сотрудником?',
      ),
      item(
        'introduced',
        6,
        false,
        'Did the employee introduce themselves and the company?',
        'Сотрудник представился и назвал компанию?',
      ),
      item(
        'name',
        3,
        false,
        "Did the employee ask for the caller's name and use it?",
        'Сотрудник спросил имя звонящего и обращался по имени?',
      ),
      item(
        'need',
        8,
        false,
        "Was the caller's need clarified?",
        'Сотрудник выяснил потребность звонящего?',
      ),
      item(
        'competent',
        8,
        false,
        'Were the questions answered competently, without "I don\'t know"?',
        'На вопросы ответили со знанием дела, без «не знаю»?',
      ),
      item(
        'polite',
        6,
        false,
        'Was the employee polite and friendly throughout the call?',
        'Сотрудник был вежлив и доброжелателен на протяжении всего разговора?',
      ),
      item(
        'no-transfers',
        5,
        false,
        'Was the question handled without repeated transfers?',
        'Вопрос решили без многократных переключений между сотрудниками?',
      ),
      item(
        'next-step',
        9,
        true,
        'Was a next step agreed (an offer, a meeting, a time to call back)?',
        'Договорились о следующем шаге (КП, встреча, время звонка)?',
      ),
    ],
  ),
  checklist(
    'email-reply',
    'Email reply',
    'Ответ по электронной почте',
    ['manager-email', 'follow-up-email', 'commercial-offer', 'support-ticket'],
    [
      item(
        'answers-all',
        9,
        true,
        'Does the reply answer every question asked?',
        'Ответ отвечает на все заданные вопросы?',
      ),
      item(
        'personal',
        5,
        false,
        'Is the reply personal (addressed by name, not a faceless template)?',
        'Ответ персональный (обращение по имени, а не безликий шаблон)?',
      ),
      item(
        'signature',
        6,
        false,
        'Does the reply have a signature with name, position and phone?',
        'В письме есть подпись с именем, должностью и телефоном?',
      ),
      item(
        'logo',
        4,
        false,
        'Is the company logo on every document?',
        'На каждом документе есть логотип компании?',
      ),
      item(
        'channel-format',
        7,
        false,
        "Was the offer sent in the client's channel and format?",
        'Предложение отправлено в удобном клиенту канале и формате?',
      ),
      item(
        'pdf',
        5,
        false,
        'Is the offer a neat PDF (not an editable file or a photo)?',
        'КП оформлено аккуратным PDF-файлом (а не редактируемым файлом или фото)?',
      ),
      item(
        'clear-offer',
        7,
        false,
        'Is the offer clear: price, terms and benefits on one page?',
        'Предложение понятное: цена, условия и выгоды на одной странице?',
      ),
      item(
        'literate',
        4,
        false,
        'Is the text free of errors and easy to read?',
        'Текст грамотный, без ошибок и легко читается?',
      ),
      item(
        'next-step',
        8,
        true,
        'Does the email end with a clear next step?',
        'Письмо заканчивается понятным следующим шагом?',
      ),
    ],
  ),
  checklist(
    'office-visit',
    'Office visit',
    'Визит в офис',
    ['office-visit', 'meeting'],
    [
      item(
        'easy-to-find',
        6,
        false,
        'Was the office easy to find (directions, parking)?',
        'Офис было легко найти (схема проезда, парковка)?',
      ),
      item(
        'signage',
        5,
        false,
        'Is there a visible, well-kept sign at the entrance?',
        'У входа есть заметная и ухоженная вывеска?',
      ),
      item(
        'greeting',
        8,
        true,
        'Were you greeted within the first minute?',
        'Вас поприветствовали в первую минуту?',
      ),
      item(
        'waiting',
        7,
        false,
        'Was the waiting time acceptable (or explained, with something offered)?',
        'Время ожидания было приемлемым (или его объяснили и что-то предложили)?',
      ),
      item('clean', 6, false, 'Are the premises clean and tidy?', 'В помещении чисто и аккуратно?'),
      item(
        'comfort',
        4,
        false,
        'Is the waiting area comfortable (seating, water, Wi-Fi)?',
        'Зона ожидания удобная (где присесть, вода, Wi-Fi)?',
      ),
      item(
        'staff-look',
        4,
        false,
        'Do the staff look neat and wear name badges?',
        'Сотрудники выглядят опрятно и носят бейджи?',
      ),
      item(
        'informed',
        6,
        false,
        'Did the employee know your request and earlier contacts?',
        'Сотрудник знал суть вашего запроса и прежние обращения?',
      ),
      item(
        'resolved',
        9,
        true,
        'Was your question resolved during the visit?',
        'Ваш вопрос решили во время визита?',
      ),
      item(
        'materials',
        3,
        false,
        'Did you leave with branded materials (offer, booklet, business card)?',
        'Вам дали с собой фирменные материалы (КП, буклет, визитку)?',
      ),
    ],
  ),
  // After the sale (seeds: "a very common mistake is to analyse touches only until the sale").
  checklist(
    'contract',
    'Contract',
    'Договор',
    ['contract'],
    [
      item(
        'plain-language',
        8,
        false,
        'Are the main terms explained in plain language (or with a note that explains them)?',
        'Основные пункты объяснены простым языком (или приложена справка с пояснениями)?',
      ),
      item(
        'no-hidden-terms',
        10,
        true,
        'Are all payments, penalties and conditions stated openly, with no hidden terms in small print?',
        'Все платежи, штрафы и условия указаны открыто, без скрытых условий мелким шрифтом?',
      ),
      item(
        'matches-offer',
        9,
        true,
        'Do the price and terms in the contract match the offer?',
        'Цена и условия в договоре совпадают с коммерческим предложением?',
      ),
      item(
        'prepared-fast',
        6,
        false,
        'Was the contract prepared quickly, already fitted to your kind of client?',
        'Договор подготовили быстро и уже под ваш тип клиента?',
      ),
      item(
        'details-correct',
        7,
        false,
        'Are your details (name, company, bank details) filled in without errors?',
        'Ваши данные (имя, компания, реквизиты) указаны без ошибок?',
      ),
      item(
        'exit-terms',
        6,
        false,
        'Is it clearly stated how to end the contract?',
        'Понятно прописано, как расторгнуть договор?',
      ),
      item(
        'easy-to-sign',
        5,
        false,
        'Was it easy to sign (electronically or without an extra visit)?',
        'Подписать договор было удобно (электронно или без лишнего визита)?',
      ),
      item(
        'branded',
        3,
        false,
        'Does the contract carry the company’s logo and style?',
        'На договоре есть логотип и фирменный стиль компании?',
      ),
    ],
    ['contract'],
  ),
  checklist(
    'invoice',
    'Invoice',
    'Счёт',
    ['invoice'],
    [
      item(
        'issued-promptly',
        8,
        false,
        'Was the invoice issued promptly, without a reminder from you?',
        'Счёт выставили быстро, без напоминаний с вашей стороны?',
      ),
      item(
        'deadline-kept',
        9,
        false,
        'Was the promised deadline for the invoice kept?',
        'Обещанный срок выставления счёта соблюдён?',
      ),
      item(
        'details-correct',
        10,
        true,
        'Are the details on the invoice correct (payee, your company, bank details)?',
        'Реквизиты в счёте верные (получатель, ваша компания, банковские данные)?',
      ),
      item(
        'amount-agreed',
        9,
        true,
        'Does the amount match the agreed price, with no unexpected items?',
        'Сумма совпадает с согласованной ценой, без неожиданных позиций?',
      ),
      item(
        'clear',
        5,
        false,
        'Is it clear what is being paid for and by what date?',
        'Понятно, за что платить и до какого числа?',
      ),
      item(
        'ways-to-pay',
        5,
        false,
        'Are convenient ways to pay offered (card, bank transfer, a link to pay online)?',
        'Предложены удобные способы оплаты (карта, перевод, ссылка для оплаты онлайн)?',
      ),
      item(
        'receipt',
        6,
        false,
        'Did a receipt or a payment confirmation arrive?',
        'Пришёл чек или подтверждение оплаты?',
      ),
    ],
  ),
  checklist(
    'delivery',
    'Delivery',
    'Доставка',
    ['delivery', 'courier', 'packaging'],
    [
      item(
        'on-date',
        10,
        true,
        'Was the order delivered on the promised day (within the promised time slot)?',
        'Заказ доставили в обещанный день (в обещанный интервал)?',
      ),
      item(
        'delay-told',
        8,
        false,
        'If there was a delay, were you told in advance and given a new time?',
        'Если была задержка, вас предупредили заранее и назвали новое время?',
      ),
      item(
        'tracking',
        5,
        false,
        'Could you follow the order’s status (SMS, email, a tracking link)?',
        'Можно было следить за статусом заказа (СМС, письмо, ссылка для отслеживания)?',
      ),
      item(
        'courier-called',
        5,
        false,
        'Did the courier get in touch before arriving?',
        'Курьер связался с вами перед приездом?',
      ),
      item(
        'courier-polite',
        6,
        false,
        'Was the courier polite and neat?',
        'Курьер был вежлив и опрятен?',
      ),
      item(
        'complete-intact',
        9,
        true,
        'Did the order arrive complete and undamaged?',
        'Заказ привезли полностью и без повреждений?',
      ),
      item(
        'packaging',
        4,
        false,
        'Is the packaging neat and branded?',
        'Упаковка аккуратная и фирменная?',
      ),
      item(
        'documents',
        6,
        false,
        'Were the documents handed over (receipt, delivery note, warranty card)?',
        'Вам передали документы (чек, накладную, гарантийный талон)?',
      ),
    ],
    ['delivery'],
  ),
  checklist(
    'onboarding',
    'Onboarding and setup',
    'Подключение и настройка',
    ['welcome-email', 'personal-account', 'onboarding-call', 'installation', 'user-guide'],
    [
      item(
        'welcome',
        6,
        false,
        'Did a welcome message arrive that explains the first steps?',
        'Пришло приветственное сообщение с объяснением первых шагов?',
      ),
      item(
        'named-contact',
        8,
        false,
        'Were you given a named contact person for your questions?',
        'Вам назвали конкретного сотрудника, к которому обращаться с вопросами?',
      ),
      item(
        'setup-help',
        9,
        true,
        'Did the company help with setup (a call, a visit, step-by-step instructions)?',
        'Компания помогла с подключением и настройкой (звонок, выезд, пошаговая инструкция)?',
      ),
      item(
        'works',
        10,
        true,
        'Did the product or service work as promised once set up?',
        'После подключения товар или услуга работают так, как обещали?',
      ),
      item(
        'access',
        6,
        false,
        'Was access to the personal account given without delay?',
        'Доступ в личный кабинет выдали без задержек?',
      ),
      item(
        'guide-clear',
        5,
        false,
        'Are the instructions clear to a non-specialist?',
        'Инструкции понятны неспециалисту?',
      ),
      item(
        'updates',
        4,
        false,
        'Are you told about updates and changes (information emails)?',
        'Вам сообщают об обновлениях и изменениях (информационные письма)?',
      ),
    ],
    ['onboarding'],
  ),
  checklist(
    'support-request',
    'Support request',
    'Обращение в поддержку',
    ['support-ticket', 'support-phone', 'personal-manager', 'complaint'],
    [
      item(
        'channel',
        5,
        false,
        'Could you reach support in a channel convenient for you (phone, email, chat)?',
        'Обратиться в поддержку можно было по удобному каналу (телефон, почта, чат)?',
      ),
      item(
        'answered-in-time',
        9,
        true,
        'Did the first answer come within the standard time?',
        'Первый ответ пришёл в пределах установленного срока?',
      ),
      item(
        'not-repeated',
        7,
        false,
        'Did support know your earlier request, so you did not have to explain the problem again?',
        'В поддержке знали о вашем прошлом обращении, и не пришлось объяснять проблему заново?',
      ),
      item('by-name', 3, false, 'Were you addressed by name?', 'К вам обращались по имени?'),
      item(
        'request-number',
        4,
        false,
        'Were you given a request number or another way to follow the request?',
        'Вам дали номер обращения или другой способ следить за ним?',
      ),
      item(
        'first-contact',
        8,
        false,
        'Was the problem solved at the first contact?',
        'Проблему решили с первого обращения?',
      ),
      item(
        'solved',
        10,
        true,
        'Was the problem solved in the end (or a firm date for it given)?',
        'Проблему в итоге решили (или назвали твёрдый срок решения)?',
      ),
      item(
        'extra-care',
        5,
        false,
        'Was help offered beyond the minimum (e.g. a courier to take a faulty item to the service centre)?',
        'Предложили помощь сверх обязательного (например, курьера, чтобы отвезти неисправный товар в сервис)?',
      ),
      item(
        'checked-after',
        5,
        false,
        'Did the company check afterwards that the problem stayed solved?',
        'Компания потом уточнила, что проблема действительно решена?',
      ),
    ],
    ['support'],
  ),
  checklist(
    'feedback',
    'Feedback, NPS and reviews',
    'Обратная связь, NPS и отзывы',
    ['satisfaction-survey', 'review-request', 'nps-call'],
    [
      item(
        'asked',
        8,
        true,
        'Did the company ask whether you are satisfied after the purchase?',
        'После покупки компания спросила, довольны ли вы?',
      ),
      item(
        'timely',
        6,
        false,
        'Was feedback asked for in good time, soon after the purchase or the service?',
        'Обратную связь запросили вовремя, вскоре после покупки или обслуживания?',
      ),
      item(
        'nps',
        5,
        false,
        'Were you asked how likely you are to recommend the company (NPS)?',
        'Вас спросили, насколько вы готовы рекомендовать компанию (NPS)?',
      ),
      item(
        'short',
        5,
        false,
        'Was the survey short and easy (a few minutes at most)?',
        'Опрос короткий и простой (не дольше нескольких минут)?',
      ),
      item(
        'review-link',
        6,
        false,
        'Were you asked to leave a review, with a direct link to where?',
        'Вас попросили оставить отзыв и дали прямую ссылку, где это сделать?',
      ),
      item(
        'refer',
        4,
        false,
        'Were you invited to tell friends, colleagues or partners about the company?',
        'Вам предложили рассказать о компании друзьям, коллегам или партнёрам?',
      ),
      item(
        'thanked',
        4,
        false,
        'Were you thanked for your feedback?',
        'Вас поблагодарили за отзыв?',
      ),
      item(
        'put-right',
        8,
        true,
        'If you were unhappy, did someone get back to you to put it right?',
        'Если вы остались недовольны, с вами связались, чтобы исправить ситуацию?',
      ),
    ],
    ['feedback'],
  ),
  checklist(
    'cancellation',
    'Cancellation and win-back',
    'Расторжение и возврат клиента',
    ['cancellation', 'retention-call', 'termination-request'],
    [
      item(
        'easy',
        8,
        true,
        'Could you cancel without obstacles (a clear procedure, no runaround)?',
        'Расторгнуть можно было без препятствий (понятный порядок, без хождения по кругу)?',
      ),
      item(
        'reasons-asked',
        8,
        false,
        'Were you asked why you are leaving?',
        'Вас спросили о причине ухода?',
      ),
      item(
        'offer-to-stay',
        6,
        false,
        'Were you offered a reason to stay (another plan, a discount, a fix for the problem)?',
        'Вам предложили остаться (другой тариф, скидку, решение проблемы)?',
      ),
      item(
        'no-pressure',
        7,
        false,
        'Was your decision accepted politely, without pressure?',
        'Ваше решение приняли вежливо, без давления?',
      ),
      item(
        'confirmed',
        9,
        true,
        'Was the cancellation confirmed in writing, with its date?',
        'Расторжение подтвердили письменно, с указанием даты?',
      ),
      item(
        'what-remains',
        6,
        false,
        'Were you told what is left to pay or return, and by when?',
        'Вам объяснили, что осталось оплатить или вернуть и до какого срока?',
      ),
      item(
        'win-back',
        4,
        false,
        'Did the company later get in touch with an offer to come back?',
        'Позже компания связалась с предложением вернуться?',
      ),
    ],
    ['cancellation'],
  ),
  checklist(
    'closing',
    'Closing documents and settlement',
    'Закрывающие документы и расчёты',
    ['closing-documents', 'reconciliation-act', 'final-settlement', 'refund'],
    [
      item(
        'sent-unasked',
        8,
        false,
        'Were the closing documents sent without a reminder?',
        'Закрывающие документы прислали без напоминаний?',
      ),
      item(
        'on-time',
        7,
        false,
        'Did the documents arrive by the promised date?',
        'Документы пришли в обещанный срок?',
      ),
      item(
        'correct',
        9,
        true,
        'Are the documents correct (details, amounts, dates)?',
        'Документы оформлены без ошибок (реквизиты, суммы, даты)?',
      ),
      item(
        'balance-clear',
        6,
        false,
        'Was the remaining debt or overpayment explained clearly (a reconciliation statement)?',
        'Остаток долга или переплаты объяснили понятно (акт сверки)?',
      ),
      item(
        'settled',
        10,
        true,
        'Was the final settlement or refund paid in full?',
        'Окончательный расчёт или возврат денег выполнен полностью?',
      ),
      item(
        'welcome-back',
        3,
        false,
        'Were you thanked and told you are welcome back?',
        'Вас поблагодарили и сказали, что будут рады вашему возвращению?',
      ),
    ],
    ['documents', 'settlement'],
  ),
];

/** Service standards named in the seeds ("time to answer a call, speed of feedback …"). */
export const BUILTIN_STANDARDS: readonly BuiltinStandard[] = [
  {
    id: 'callback-after-form',
    en: 'Callback after a web form',
    ru: 'Обратный звонок после заявки с сайта',
    target: 2,
    unit: 'hours',
    measure: 'between',
    answerChannels: ['phone'],
  },
  {
    id: 'email-reply',
    en: 'Reply to an email',
    ru: 'Ответ на письмо',
    target: 24,
    unit: 'hours',
    measure: 'between',
    answerChannels: ['email'],
  },
  {
    id: 'phone-answered',
    en: 'Phone answered',
    ru: 'Ответ на звонок',
    target: 30,
    unit: 'seconds',
    measure: 'duration',
    answerChannels: [],
  },
  {
    id: 'thank-you-email',
    en: 'Thank-you email after a form',
    ru: 'Благодарственное письмо после заявки',
    target: 5,
    unit: 'minutes',
    measure: 'between',
    answerChannels: ['email'],
  },
  {
    id: 'offer-received',
    en: 'Commercial offer received',
    ru: 'Получение коммерческого предложения',
    target: 1,
    unit: 'working-days',
    measure: 'between',
    answerChannels: ['email', 'document', 'messenger'],
  },
  // After the sale: "standards of value for the customer … time to answer a call, waiting time,
  // handing over a receipt, speed of feedback" (seeds).
  {
    id: 'invoice-issued',
    en: 'Invoice issued after the request',
    ru: 'Выставление счёта после запроса',
    target: 1,
    unit: 'working-days',
    measure: 'between',
    answerChannels: ['email', 'document', 'messenger'],
  },
  {
    id: 'receipt-after-payment',
    en: 'Receipt after payment',
    ru: 'Чек после оплаты',
    target: 15,
    unit: 'minutes',
    measure: 'between',
    answerChannels: ['email', 'sms', 'document'],
  },
  {
    id: 'delivery-after-order',
    en: 'Delivery after the order',
    ru: 'Доставка после заказа',
    target: 3,
    unit: 'days',
    measure: 'between',
    answerChannels: ['delivery'],
  },
  {
    id: 'support-first-answer',
    en: 'First answer from support',
    ru: 'Первый ответ поддержки',
    target: 4,
    unit: 'hours',
    measure: 'between',
    answerChannels: ['email', 'messenger', 'web-chat', 'phone'],
  },
  {
    id: 'closing-documents-sent',
    en: 'Closing documents sent',
    ru: 'Отправка закрывающих документов',
    target: 5,
    unit: 'working-days',
    measure: 'between',
    answerChannels: ['email', 'document'],
  },
  {
    id: 'refund-paid',
    en: 'Refund after the claim',
    ru: 'Возврат денег после требования',
    target: 10,
    unit: 'days',
    measure: 'between',
    answerChannels: [],
  },
];

/** The types of one stage, in the order given: id → [category, channel, en, ru]. */
function stage(
  id: StageId,
  types: Record<string, readonly [CategoryId, ChannelId, string, string]>,
): BuiltinType[] {
  return Object.entries(types).map(([type, [category, channel, en, ru]]) => ({
    id: type,
    en,
    ru,
    category,
    stage: id,
    channel,
  }));
}

function item(
  slug: string,
  weight: number,
  critical: boolean,
  en: string,
  ru: string,
  proof?: ProofId,
) {
  return { slug, weight, critical, en, ru, ...(proof && { proof }) };
}

function checklist(
  id: string,
  en: string,
  ru: string,
  types: readonly string[],
  items: readonly ReturnType<typeof item>[],
  stages: readonly StageId[] = [],
): BuiltinChecklist {
  return {
    id,
    en,
    ru,
    types,
    stages,
    items: items.map(({ slug, ...rest }) => ({ id: `${id}.${slug}`, ...rest })),
  };
}

const byId = <T extends { readonly id: string }>(list: readonly T[]) =>
  new Map(list.map((entry) => [entry.id, entry]));
const TYPE_BY_ID = byId(BUILTIN_TYPES);
const CHECKLIST_BY_ID = byId(BUILTIN_CHECKLISTS);
const ITEM_BY_ID = byId(BUILTIN_CHECKLISTS.flatMap((template) => template.items));
const STANDARD_BY_ID = byId(BUILTIN_STANDARDS);

export const builtinType = (id: string): BuiltinType | undefined => TYPE_BY_ID.get(id);
export const builtinChecklist = (id: string): BuiltinChecklist | undefined =>
  CHECKLIST_BY_ID.get(id);
export const builtinItem = (id: string): BuiltinItem | undefined => ITEM_BY_ID.get(id);
export const builtinStandard = (id: string): BuiltinStandard | undefined => STANDARD_BY_ID.get(id);
export const isBuiltinType = (id: string): boolean => TYPE_BY_ID.has(id);
export const isBuiltinChecklist = (id: string): boolean => CHECKLIST_BY_ID.has(id);
export const isBuiltinStandard = (id: string): boolean => STANDARD_BY_ID.has(id);

/**
 * Built-ins in their order, each replaced by the audit's entry of the same id, then the audit's
 * own entries in its order. A repeated id counts once (its first entry).
 */
function resolve<B extends { readonly id: string }, R extends { id: string }>(
  builtins: readonly B[],
  overrides: readonly R[],
  fromBuiltin: (builtin: B) => R,
): R[] {
  const own = new Map<string, R>();
  for (const entry of overrides) if (!own.has(entry.id)) own.set(entry.id, entry);
  const builtinIds = new Set(builtins.map((builtin) => builtin.id));
  return [
    ...builtins.map((builtin) => own.get(builtin.id) ?? fromBuiltin(builtin)),
    ...[...own.values()].filter((entry) => !builtinIds.has(entry.id)),
  ];
}

/** The audit's touchpoint types: built-ins (as overridden) then its own; hidden ones included. */
export function resolveTypes(method: AuditMethod): TouchpointType[] {
  return resolve(BUILTIN_TYPES, method.types, ({ id, category, stage, channel }) => ({
    id,
    name: '',
    category,
    stage,
    channel,
    hidden: false,
  }));
}

/** The audit's checklist templates: built-ins (as overridden) then its own; hidden ones included. */
export function resolveChecklists(method: AuditMethod): ChecklistTemplate[] {
  return resolve(BUILTIN_CHECKLISTS, method.checklists, (builtin) => ({
    id: builtin.id,
    name: '',
    types: [...builtin.types],
    stages: [...builtin.stages],
    items: builtin.items.map(({ id, weight, critical }) => ({ id, text: '', weight, critical })),
    hidden: false,
  }));
}

/** The audit's standards: built-ins (as overridden) then its own; hidden ones included. */
export function resolveStandards(method: AuditMethod): Standard[] {
  return resolve(BUILTIN_STANDARDS, method.standards, (builtin) => ({
    id: builtin.id,
    name: '',
    target: builtin.target,
    unit: builtin.unit,
    measure: builtin.measure,
    answerChannels: [...builtin.answerChannels],
    hidden: false,
  }));
}

/** The entry's own name, else the built-in label of its id, else the id itself. */
function nameOf(
  entry: { id: string; name: string },
  builtin: Labels | undefined,
  locale: Locale,
): string {
  return entry.name.trim() || builtin?.[locale] || entry.id;
}

export function typeName(type: Pick<TouchpointType, 'id' | 'name'>, locale: Locale): string {
  return nameOf(type, builtinType(type.id), locale);
}

export function checklistName(
  template: Pick<ChecklistTemplate, 'id' | 'name'>,
  locale: Locale,
): string {
  return nameOf(template, builtinChecklist(template.id), locale);
}

export function standardName(standard: Pick<Standard, 'id' | 'name'>, locale: Locale): string {
  return nameOf(standard, builtinStandard(standard.id), locale);
}

/** An item's question: its own text, else the built-in wording of its id, else the id. */
export function itemText(
  templateId: string,
  item: Pick<ChecklistItem, 'id' | 'text'>,
  locale: Locale,
): string {
  const builtin =
    builtinChecklist(templateId)?.items.find((entry) => entry.id === item.id) ??
    builtinItem(item.id);
  return item.text.trim() || builtin?.[locale] || item.id;
}

/** Russian plural form: 1 день, 2 дня, 5 дней, 21 день; fractions take the "few" form (1,5 дня). */
function ruPlural(n: number, one: string, few: string, many: string): string {
  if (!Number.isInteger(n)) return few;
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

const UNIT_LABEL: Record<Locale, Record<TimeUnit, (n: number) => string>> = {
  en: {
    seconds: () => 's',
    minutes: () => 'min',
    hours: () => 'h',
    days: (n) => (n === 1 ? 'day' : 'days'),
    'working-days': (n) => (n === 1 ? 'working day' : 'working days'),
  },
  ru: {
    seconds: () => 'с',
    minutes: () => 'мин',
    hours: () => 'ч',
    days: (n) => ruPlural(n, 'день', 'дня', 'дней'),
    'working-days': (n) =>
      Number.isInteger(n)
        ? ruPlural(n, 'рабочий день', 'рабочих дня', 'рабочих дней')
        : 'рабочего дня',
  },
};

/** "≤ 2 h", "≤ 1 working day"; ru "≤ 2 ч", "≤ 5 рабочих дней". */
export function formatTarget(standard: Pick<Standard, 'target' | 'unit'>, locale: Locale): string {
  const number = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(standard.target);
  return `≤ ${number} ${UNIT_LABEL[locale][standard.unit](standard.target)}`;
}

/**
 * Stages in lifecycle order: each custom stage right after the built-in stage named in its
 * `after`, in list order; those after nothing (or after an unknown stage) at the end. A custom
 * stage named like a built-in one, or repeated, counts once.
 */
function stageSequence(method: AuditMethod | undefined): { value: string; custom: boolean }[] {
  const builtins = new Set<string>(STAGE_IDS);
  const seen = new Set<string>();
  const following = new Map<string | null, string[]>();
  for (const { name, after } of method?.stages ?? []) {
    if (builtins.has(name) || seen.has(name)) continue;
    seen.add(name);
    const anchor = after !== null && builtins.has(after) ? after : null;
    following.set(anchor, [...(following.get(anchor) ?? []), name]);
  }
  const customs = (anchor: string | null) =>
    (following.get(anchor) ?? []).map((value) => ({ value, custom: true }));
  return [
    ...STAGE_IDS.flatMap((id) => [{ value: id, custom: false }, ...customs(id)]),
    ...customs(null),
  ];
}

/** Stage choices of an audit: built-in stages in lifecycle order with its custom stages inserted. */
export function stageOptions(
  method: AuditMethod,
  locale: Locale,
): { value: string; label: string; custom: boolean }[] {
  return stageSequence(method).map(({ value, custom }) => ({
    value,
    label: stageLabel(value, locale),
    custom,
  }));
}

/** Sort key of a stage in an audit, consistent with stageOptions; unknown stages sort last. */
export function methodStageOrder(stage: string, method: AuditMethod | undefined): number {
  const sequence = stageSequence(method);
  const index = sequence.findIndex((entry) => entry.value === stage);
  return index === -1 ? sequence.length : index;
}

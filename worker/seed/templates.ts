/**
 * The two checklists every new organisation starts with: a store visit and a call to a call
 * centre. They also open in the checklist builder as examples, so they are written to be read
 * by a mystery shopper on a phone right after a visit.
 *
 * Where the content comes from: the team's service standard (the shared HANDBOOK.md, outside
 * this repo), which boils a set of Chinese customer-service handbooks down into checkable
 * behaviour. Every prompt, guidance line and label here, in English and in Simplified
 * Chinese, is the product's own wording; nothing is copied from the handbooks.
 *
 * Conventions:
 * - Items with the same behaviour in both templates share a key (`lets_customer_finish`,
 *   `no_i_dont_know`, `no_disparaging_remarks`, ...), so results can be compared across channels.
 * - Forbidden phrases are one yes/no item each, phrased so that "yes" (true) is the pass.
 * - Unless an item says otherwise: weight 1, not critical, no N/A, and a comment is required
 *   when it fails. Text and photo items are never scored: weight 0, no evidence on failure.
 */
import { type ChecklistDocument, type ChecklistItem, SCORED_KINDS } from "../domain/checklists";

type Defaulted = "weight" | "critical" | "naAllowed" | "evidenceOnFail";
/** An item of any kind whose defaulted fields may be left out. */
type ItemSpec<T = ChecklistItem> = T extends ChecklistItem ? Omit<T, Defaulted> & Partial<Pick<T, Defaulted>> : never;

function item(spec: ItemSpec): ChecklistItem {
  const scored = SCORED_KINDS.includes(spec.kind);
  // Key and kind first, so exported documents read in a natural order.
  const { key, kind, ...rest } = spec;
  return {
    key,
    kind,
    weight: scored ? 1 : 0,
    critical: "none",
    naAllowed: false,
    evidenceOnFail: scored ? "comment" : "none",
    ...rest,
  } as ChecklistItem;
}

export const STORE_VISIT_TEMPLATE: ChecklistDocument = {
  name: { en: "Store visit", zh: "门店到访" },
  channel: "store",
  sections: [
    {
      key: "welcome",
      title: { en: "Welcome", zh: "迎客" },
      weight: 2,
      items: [
        item({
          key: "greets_promptly",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Did a staff member greet you within a few seconds of walking in?",
            zh: "您进店后几秒内，是否有店员主动问候？",
          },
          guidance: {
            en: "Pass if someone spoke to you within about 10 seconds of you stepping inside. If every staff member was busy with a customer, a nod or a quick 'I'll be with you shortly' within that time also counts.",
            zh: "进店约10秒内有店员开口招呼即为通过；如店员都在接待其他顾客，这段时间内点头示意或招呼一声表示马上过来，也算通过。",
          },
        }),
        item({
          key: "smiles_and_eye_contact",
          kind: "yes_no",
          prompt: {
            en: "Did the staff member make eye contact and smile?",
            zh: "店员是否与您有目光交流，并面带微笑？",
          },
          guidance: {
            en: "Pass if they mostly looked at you, not at a phone, screen or shelf, while talking with you, and smiled at least when greeting you.",
            zh: "交谈时店员大多看着您，而不是盯着手机、屏幕或货架，并且至少在问候时面带笑容，即为通过。",
          },
        }),
        item({
          key: "introduces_self",
          kind: "yes_no",
          prompt: {
            en: "Did the staff member tell you their name?",
            zh: "店员是否向您做了自我介绍？",
          },
          guidance: {
            en: "Pass if they said their name, e.g. 'I'm Chen, I'll be looking after you today'. A name badge on its own does not count.",
            zh: "店员主动说出自己的姓名或称呼（如“我姓陈，今天由我来接待您”）即为通过；只佩戴工牌不算。",
          },
        }),
        item({
          key: "uses_customer_name",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "Once they knew your name, did they use it with your title?",
            zh: "得知您的姓氏后，店员是否以“姓氏+称谓”称呼您？",
          },
          guidance: {
            en: "Pass if, after asking or hearing your name, they called you Mr or Ms plus your family name (e.g. 'Ms Zhang') at least once. N/A if your name never came up.",
            zh: "询问或得知您的姓氏后，至少一次以“姓氏+先生/女士”称呼您（如“张女士”）即为通过。全程未涉及姓名时选“不适用”。",
          },
        }),
        item({
          key: "storefront_photo",
          kind: "photo",
          prompt: {
            en: "Take a photo of the storefront with the shop sign in view.",
            zh: "请拍一张门店外观照片，需拍到店招。",
          },
          guidance: {
            en: "Take it from outside, just before or after the visit, without drawing attention. It shows which branch you visited and is not scored.",
            zh: "在进店前或离店后从店外拍摄，注意不要引起店员注意。照片用于确认到访的门店，不计分。",
          },
        }),
      ],
    },
    {
      key: "listening",
      title: { en: "Listening", zh: "倾听" },
      weight: 2,
      items: [
        item({
          key: "lets_customer_finish",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Did the staff member let you finish speaking without interrupting?",
            zh: "店员是否让您把话说完，没有打断？",
          },
          guidance: {
            en: "Pass if they never cut in or talked over you, including while you were describing a problem. Finishing your sentences for you counts as interrupting.",
            zh: "全程没有插话或抢话即为通过，您讲述问题时也不例外；替您把话说完也算打断。",
          },
        }),
        item({
          key: "confirms_need",
          kind: "yes_no",
          prompt: {
            en: "Did they repeat your main point back to check they had understood?",
            zh: "店员是否复述了您的主要需求，确认自己理解无误？",
          },
          guidance: {
            en: "Pass if, before recommending anything, they summed up what you wanted in their own words, e.g. 'So you'd like a phone with a long battery life, under 3,000 yuan?'",
            zh: "在推荐之前，用自己的话把您的需求概括一遍（如“您是想要一款续航长、3000元以内的手机，对吧？”）即为通过。",
          },
        }),
        item({
          key: "asks_open_questions",
          kind: "yes_no",
          prompt: {
            en: "Did they ask open questions to find out what you really need?",
            zh: "店员是否通过开放式提问了解您的真实需求？",
          },
          guidance: {
            en: "Pass if they asked at least one question that cannot be answered with a simple yes or no, such as 'What will you mainly use it for?' or 'Could you tell me a bit more?'",
            zh: "至少问过一个不能简单用“是”或“不是”回答的问题即为通过，如“您平时主要用来做什么？”“能再具体说说吗？”",
          },
        }),
        item({
          key: "stays_respectful",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Did they stay respectful, without arguing or talking down to you?",
            zh: "店员是否始终尊重您，没有与您争辩或居高临下？",
          },
          guidance: {
            en: "Pass unless they argued with you (even when you were in the wrong), talked down to you, remarked on your clothes or budget, or suggested your choice was foolish.",
            zh: "没有以下任何情况即为通过：与您争辩（即使是您说错了）、说话居高临下、对您的穿着或预算评头论足、暗示您的选择很不明智。",
          },
        }),
      ],
    },
    {
      key: "knowledge_honesty",
      title: { en: "Knowledge and honesty", zh: "专业与诚信" },
      weight: 2,
      items: [
        item({
          key: "knows_product",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Could they answer your questions about the product or service?",
            zh: "店员能否准确回答您关于产品或服务的问题？",
          },
          guidance: {
            en: "Pass if they explained what it does, what it costs and how it is serviced or repaired, with facts rather than guesses. Going to check and coming back with the answer also counts.",
            zh: "能讲清产品的功能、价格和售后维修方式，有根有据而不是凭感觉猜，即为通过；不确定时主动去核实并回来答复，也算通过。",
          },
        }),
        item({
          key: "explains_fit",
          kind: "yes_no",
          prompt: {
            en: "Did they explain why the product would suit you?",
            zh: "店员是否结合您的需求，说明产品为什么适合您？",
          },
          guidance: {
            en: "Pass if they linked at least one concrete feature to a need you had mentioned (e.g. 'this one has the bigger screen you wanted'), briefly and to the point.",
            zh: "能把至少一项具体特点与您提到的需求对应起来（如“这款屏幕大，正符合您的要求”），而且说得简明扼要，即为通过。",
          },
        }),
        item({
          key: "offers_choices",
          kind: "yes_no",
          prompt: {
            en: "Did they offer you choices and leave the decision to you?",
            zh: "店员是否提供了多个选择，并让您自己做决定？",
          },
          guidance: {
            en: "Pass if they showed you at least two options and did not press you to buy on the spot.",
            zh: "至少介绍了两个选项，并且没有催促您当场购买，即为通过。",
          },
        }),
        item({
          key: "honest_about_price",
          kind: "yes_no",
          weight: 2,
          evidenceOnFail: "photo",
          prompt: {
            en: "Was the price stated clearly, and did it match the price label?",
            zh: "店员报价是否清楚，并与价签一致？",
          },
          guidance: {
            en: "Pass if they gave you the full price, including any extra charges, and it matched the label or price list. If it did not, photograph the label.",
            zh: "报出了完整价格（含各项额外费用），且与价签或价目表一致，即为通过。如不一致，请拍下价签。",
          },
        }),
      ],
    },
    {
      key: "competitors",
      title: { en: "Competitors and colleagues", zh: "对待同行与同事" },
      weight: 1,
      items: [
        item({
          key: "no_disparaging_remarks",
          kind: "yes_no",
          critical: "audit",
          prompt: {
            en: "Did they avoid running down competitors, colleagues or their own company?",
            zh: "店员是否没有贬低竞争对手、同事或本公司？",
          },
          guidance: {
            en: "Pass if every comparison was factual and fair. Any put-down, such as 'their stuff is junk' or 'my colleague has no idea', is a fail even if you invited it; quote it in the comment. Failing this item scores the whole audit 0.",
            zh: "所有比较都客观公正即为通过。只要出现贬损的话（如“他们家的东西都是垃圾”“我那同事什么都不懂”），即使是您引出来的，也判为不通过，并请在备注中记下原话。此项不通过，整份评估计0分。",
          },
        }),
      ],
    },
    {
      key: "forbidden_phrases",
      title: { en: "Forbidden phrases", zh: "服务禁语" },
      weight: 3,
      items: [
        item({
          key: "no_be_right_back",
          kind: "yes_no",
          prompt: {
            en: "Did they avoid walking off with 'Wait a moment, I'll be right back'?",
            zh: "店员是否没有丢下一句“等一下，马上回来”就走开？",
          },
          guidance: {
            en: "Pass if, whenever they had to step away, they said what for and roughly how long, and asked if you were happy to wait. Also a pass if they never left you.",
            zh: "需要走开时，说明了去做什么、大约要多久，并问您是否愿意等，即为通过；全程没有离开也算通过。",
          },
        }),
        item({
          key: "no_i_dont_know",
          kind: "yes_no",
          prompt: {
            en: "Did they avoid saying 'I don't know'?",
            zh: "店员是否没有说“我不知道”？",
          },
          guidance: {
            en: "Fail if you heard 'I don't know', 'no idea' or similar, even if help followed. The expected wording is 'Let me find out for you'.",
            zh: "只要听到“我不知道”“不清楚”之类的话即为不通过，即使随后提供了帮助。应有的说法是“我帮您查一下”。",
          },
        }),
        item({
          key: "no_not_my_job",
          kind: "yes_no",
          prompt: {
            en: "Did they avoid saying 'That's not my job' or 'Not my department'?",
            zh: "店员是否没有说“这不归我管”或“不是我们部门的事”？",
          },
          guidance: {
            en: "Fail if you heard any version of 'not my job', 'not my department' or 'ask someone else'. Pass if they took the question on or brought over the right person.",
            zh: "只要听到“这不归我管”“不是我们部门的”“你去问别人”之类的话即为不通过；自己接下问题，或把负责的同事请过来，即为通过。",
          },
        }),
        item({
          key: "no_we_cant",
          kind: "yes_no",
          prompt: {
            en: "Did they avoid saying 'We can't do that'?",
            zh: "店员是否没有说“这个我们办不了”？",
          },
          guidance: {
            en: "Fail if they said 'we can't do that' or 'that's impossible'. Pass if, faced with a difficult request, they talked about what they could do, e.g. 'Let me see what I can do'.",
            zh: "说出“这个我们办不了”“不可能”之类的话即为不通过；遇到难办的要求，改为说明能做什么（如“我看看能怎么帮您”），即为通过。",
          },
        }),
        item({
          key: "no_you_must",
          kind: "yes_no",
          prompt: {
            en: "Did they avoid telling you 'You must…' and sending you elsewhere?",
            zh: "店员是否没有用“您必须……”把您支来支去？",
          },
          guidance: {
            en: "Fail if they told you that you must go to another counter, fill in forms or see someone else on your own. Pass if, when another step was needed, they explained it politely and helped you through it.",
            zh: "要求您“必须”自己去别的柜台、填表或找别人，即为不通过；确实需要其他手续时，客气地说明并协助您办完，即为通过。",
          },
        }),
        item({
          key: "no_flat_refusal",
          kind: "yes_no",
          prompt: {
            en: "Did they avoid turning you down with a flat 'No'?",
            zh: "店员是否没有生硬地一口回绝“不行”？",
          },
          guidance: {
            en: "Fail if they refused with a bare 'no' or 'not possible'. Pass if every refusal came with something they could offer instead, such as an exchange, a repair or store credit.",
            zh: "只丢下一句“不行”“没办法”就拒绝您，即为不通过；每次拒绝都同时给出替代办法（如换货、维修或代金券），即为通过。",
          },
        }),
        item({
          key: "no_insincere_phrases",
          kind: "yes_no",
          prompt: {
            en: "Did they avoid insincere phrases such as 'to be honest' or 'frankly'?",
            zh: "店员是否没有使用“说实话”“老实讲”这类显得不真诚的口头禅？",
          },
          guidance: {
            en: "Fail if you heard 'to be honest', 'frankly', 'I mean', or a pushy 'So, shall I ring it up now?'. Quote what you heard in the comment.",
            zh: "只要听到“说实话”“老实讲”“我的意思是”，或“那现在就给您开单吧？”这类催单的话，即为不通过，请在备注中记下原话。",
          },
        }),
      ],
    },
    {
      key: "returns_exchanges",
      title: { en: "Returns and exchanges", zh: "退换货" },
      weight: 2,
      items: [
        item({
          key: "return_policy_explained",
          kind: "choice",
          naAllowed: true,
          prompt: {
            en: "How did they explain the return and exchange policy?",
            zh: "店员是如何说明退换货政策的？",
          },
          guidance: {
            en: "Clear means you could repeat the time limit, the conditions and what you would get (refund, exchange or credit). N/A if neither you nor the staff brought up returns.",
            zh: "“清楚”指您能复述退换期限、条件以及能得到的处理（退款、换货或代金券）。如双方都没有谈到退换货，选“不适用”。",
          },
          options: [
            {
              key: "clear_unprompted",
              label: { en: "Clearly, without being asked", zh: "主动说明，清楚明白" },
              points: 3,
            },
            {
              key: "clear_when_asked",
              label: { en: "Clearly, but only when asked", zh: "问了才说，但说得清楚" },
              points: 2,
            },
            { key: "unclear", label: { en: "Vaguely or inconsistently", zh: "含糊其辞或前后矛盾" }, points: 1 },
            {
              key: "refused",
              label: { en: "Refused, or said sold goods are never taken back", zh: "拒绝说明，或称“商品售出概不退换”" },
              points: 0,
            },
          ],
        }),
        item({
          key: "offers_alternatives",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "When a refund was not possible, did they offer another solution?",
            zh: "无法退款时，店员是否提出了其他解决办法？",
          },
          guidance: {
            en: "Pass if they offered at least one concrete alternative: an exchange, a repair or store credit. N/A if a refund was possible or never discussed.",
            zh: "至少提出一种具体的替代办法（换货、维修或代金券）即为通过。如可以退款，或没有谈到退款，选“不适用”。",
          },
        }),
      ],
    },
    {
      key: "complaint_handling",
      title: { en: "Complaint handling", zh: "投诉处理" },
      weight: 3,
      items: [
        item({
          key: "apologises",
          kind: "yes_no",
          weight: 2,
          critical: "section",
          naAllowed: true,
          prompt: {
            en: "Did they apologise sincerely for the problem?",
            zh: "店员是否就问题诚恳地向您道歉？",
          },
          guidance: {
            en: "Pass if they apologised for the trouble without being pushed, even though it was not their own fault, and blamed neither you nor a colleague. A grudging 'sorry, but those are the rules' fails, and zeroes this section. N/A if your scenario had no complaint.",
            zh: "即使问题不是店员本人造成的，也主动向您致歉，没有把责任推给您或同事，即为通过；敷衍一句“不好意思，规定就是这样”为不通过，且本部分计0分。场景不涉及投诉时选“不适用”。",
          },
        }),
        item({
          key: "takes_ownership",
          kind: "yes_no",
          weight: 2,
          naAllowed: true,
          prompt: {
            en: "Did they take charge of the problem themselves?",
            zh: "店员是否亲自负责处理您的问题？",
          },
          guidance: {
            en: "Pass if they handled it personally, or stayed with you while bringing in a manager, and did not pass you on or fob you off with 'someone will call you'. N/A if your scenario had no complaint.",
            zh: "由店员本人处理，或请主管协助时全程陪同，没有把您推给别人，也没有用“回头会有人联系您”来打发，即为通过。场景不涉及投诉时选“不适用”。",
          },
        }),
        item({
          key: "records_details",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "Did they write down the key facts of your complaint?",
            zh: "店员是否记下了投诉的关键信息？",
          },
          guidance: {
            en: "Pass if they recorded, on paper or on screen, your name, when and where you bought it, the product, what went wrong, what you want done and how to reach you. List anything missed in the comment. N/A if your scenario had no complaint.",
            zh: "店员用纸笔或系统记下了您的姓名、购买时间和地点、产品、问题经过、您的诉求和联系方式，即为通过；如有遗漏，请在备注中列出。场景不涉及投诉时选“不适用”。",
          },
        }),
        item({
          key: "proposes_remedy",
          kind: "yes_no",
          weight: 2,
          naAllowed: true,
          prompt: {
            en: "Did they propose a concrete remedy and start on it straight away?",
            zh: "店员是否提出了具体的解决方案，并马上着手办理？",
          },
          guidance: {
            en: "Pass if they offered something specific (refund, discount, exchange, repair or a small gift) and began acting on it during your visit, not just promising. N/A if your scenario had no complaint.",
            zh: "提出了具体的补救办法（退款、折扣、换货、维修或小礼品），并在您到店期间就开始办理，而不只是口头承诺，即为通过。场景不涉及投诉时选“不适用”。",
          },
        }),
        item({
          key: "agrees_follow_up",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "Did they say when and how they would check that you are satisfied?",
            zh: "店员是否说明了何时、以何种方式回访，确认您是否满意？",
          },
          guidance: {
            en: "Pass if they named a time and a way to check back after the fix, e.g. 'I'll call you on Friday afternoon to make sure it's working'. N/A if your scenario had no complaint.",
            zh: "明确说出问题解决后的回访时间和方式（如“周五下午我给您打个电话，看看是否好用了”）即为通过。场景不涉及投诉时选“不适用”。",
          },
        }),
      ],
    },
    {
      key: "closing",
      title: { en: "Closing", zh: "送客" },
      weight: 1,
      items: [
        item({
          key: "thanks_and_invites_back",
          kind: "yes_no",
          prompt: {
            en: "Did they thank you and invite you back?",
            zh: "您离开时，店员是否向您道谢并欢迎再次光临？",
          },
          guidance: {
            en: "Pass if, as you left, they thanked you and said they hoped to see you again, whether or not you bought anything.",
            zh: "无论您是否购买，离开时店员都向您道谢，并欢迎您下次再来，即为通过。",
          },
        }),
        item({
          key: "offers_follow_up",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "For a big purchase, did they offer to follow up after delivery?",
            zh: "对于大件商品，店员是否提出送货后进行回访？",
          },
          guidance: {
            en: "Pass if they offered a short check-in after delivery and asked what time suits you (daytime, not mealtimes). N/A if nothing expensive or delivered was discussed.",
            zh: "主动提出送货后简短回访，并询问您方便的时间（白天、避开饭点），即为通过。如没有谈到大件或需要送货的商品，选“不适用”。",
          },
        }),
        item({
          key: "overall_warmth",
          kind: "scale",
          min: 1,
          max: 5,
          prompt: {
            en: "Overall, how warm and welcoming did the visit feel?",
            zh: "总体来看，这次到店让您感觉有多热情周到？",
          },
          guidance: {
            en: "5: you felt like a welcome guest throughout; 3: polite but routine; 1: cold or unwelcoming. Rate the whole visit, not a single moment.",
            zh: "5分：始终让您感到宾至如归；3分：礼貌但流于形式；1分：冷淡甚至让人不想久留。请评价整个到访过程，而不是某个瞬间。",
          },
        }),
        item({
          key: "staff_description",
          kind: "text",
          prompt: {
            en: "Who served you? Describe them briefly.",
            zh: "接待您的是哪位店员？请简要描述。",
          },
          guidance: {
            en: "Give their name if you heard it or saw a badge; otherwise their role, rough age, clothing or where they were standing, so the branch can tell who it was. Add anything else worth knowing. Not scored.",
            zh: "如听到姓名或看到工牌，请写下姓名；否则描述其岗位、大致年龄、衣着或所在位置，便于门店确认是谁。其他值得记录的情况也可一并写下。不计分。",
          },
        }),
      ],
    },
  ],
};

export const CALL_CENTRE_TEMPLATE: ChecklistDocument = {
  name: { en: "Call-centre call", zh: "客服来电" },
  channel: "call_centre",
  sections: [
    {
      key: "answering",
      title: { en: "Answering", zh: "接听" },
      weight: 2,
      items: [
        item({
          key: "rings_before_answer",
          kind: "number",
          unit: "rings",
          pass: { max: 3 },
          weight: 2,
          evidenceOnFail: "none",
          prompt: {
            en: "How many times did the phone ring before it was answered?",
            zh: "电话响了几声才有人接听？",
          },
          guidance: {
            en: "Count the rings until a person picks up, or the recorded welcome starts if there is a menu. Three rings or fewer is a pass.",
            zh: "从第一声铃响数起，到有人接听为止；如有语音菜单，数到语音欢迎开始为止。3声及以内为通过。",
          },
        }),
        item({
          key: "greets_with_company_and_name",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Did the agent's greeting give the company name and their own name or number?",
            zh: "客服接起电话时，是否报出公司名称和本人姓名或工号？",
          },
          guidance: {
            en: "Pass if the opening words included both the company name and the agent's name or staff number, e.g. 'Good morning, [company], agent 1024 speaking. How can I help?'",
            zh: "开场白同时包含公司名称和客服姓名或工号即为通过，如“您好，××公司，1024号客服为您服务”。",
          },
        }),
        item({
          key: "sounds_friendly",
          kind: "yes_no",
          prompt: {
            en: "Did the agent sound friendly and unhurried?",
            zh: "客服的语气是否亲切、从容？",
          },
          guidance: {
            en: "Pass if their tone stayed warm and patient throughout, with no sighs, curt one-word answers or signs of hurrying you off the line.",
            zh: "全程语气亲切、有耐心，没有叹气、冷冰冰的只言片语，也没有急着挂电话的表现，即为通过。",
          },
        }),
        item({
          key: "uses_customer_name",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "Once they knew your name, did they use it with your title?",
            zh: "得知您的姓氏后，客服是否以“姓氏+称谓”称呼您？",
          },
          guidance: {
            en: "Pass if they called you Mr or Ms plus your family name (e.g. 'Mr Lin') at least once after learning it. N/A if your name never came up.",
            zh: "得知您的姓氏后，至少一次以“姓氏+先生/女士”称呼您（如“林先生”）即为通过。通话中未涉及姓名时选“不适用”。",
          },
        }),
      ],
    },
    {
      key: "listening",
      title: { en: "Listening", zh: "倾听" },
      weight: 2,
      items: [
        item({
          key: "lets_customer_finish",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Did the agent let you finish speaking without interrupting?",
            zh: "客服是否让您把话说完，没有打断？",
          },
          guidance: {
            en: "Pass if they never cut in or talked over you, including while you were describing a problem. Finishing your sentences for you counts as interrupting.",
            zh: "全程没有插话或抢话即为通过，您讲述问题时也不例外；替您把话说完也算打断。",
          },
        }),
        item({
          key: "confirms_need",
          kind: "yes_no",
          prompt: {
            en: "Did the agent repeat your main point back to check they had understood?",
            zh: "客服是否复述了您的主要问题，确认自己理解无误？",
          },
          guidance: {
            en: "Pass if, before answering, they summed up your request in their own words, e.g. 'So the repair you booked three weeks ago still isn't done, and you'd like a date?'",
            zh: "在答复之前，用自己的话概括了您的诉求（如“您是说三周前送修的手机还没修好，想知道具体什么时候能取，对吗？”）即为通过。",
          },
        }),
        item({
          key: "asks_open_questions",
          kind: "yes_no",
          prompt: {
            en: "Did the agent ask open questions to understand what you need?",
            zh: "客服是否通过开放式提问了解您的真实需求？",
          },
          guidance: {
            en: "Pass if they asked at least one question that cannot be answered with a simple yes or no, such as 'What happened when you tried it?' or 'Could you tell me a bit more?'",
            zh: "至少问过一个不能简单用“是”或“不是”回答的问题即为通过，如“您使用的时候出现了什么情况？”“能再具体说说吗？”",
          },
        }),
        item({
          key: "stays_respectful",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Did the agent stay respectful, without arguing or talking down to you?",
            zh: "客服是否始终尊重您，没有与您争辩或居高临下？",
          },
          guidance: {
            en: "Pass unless they argued with you (even when you were in the wrong), talked down to you, or suggested your question or choice was foolish.",
            zh: "没有以下任何情况即为通过：与您争辩（即使是您说错了）、说话居高临下、暗示您的问题或选择很不明智。",
          },
        }),
      ],
    },
    {
      key: "knowledge_honesty",
      title: { en: "Knowledge and honesty", zh: "专业与诚信" },
      weight: 2,
      items: [
        item({
          key: "knows_product",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Could the agent answer your questions accurately?",
            zh: "客服能否准确回答您的问题？",
          },
          guidance: {
            en: "Pass if they gave clear, factual answers about the product, price or service and got to the point. Checking and coming back with the answer during the call also counts; guesses and contradictions do not.",
            zh: "就产品、价格或服务给出清楚、有依据的答复，并且直奔主题，即为通过；通话中查询后再答复也算通过，靠猜测或前后说法不一则不通过。",
          },
        }),
        item({
          key: "offers_choices",
          kind: "yes_no",
          prompt: {
            en: "Did the agent offer you options and leave the decision to you?",
            zh: "客服是否给出了可选方案，并让您自己决定？",
          },
          guidance: {
            en: "Pass if they set out at least two options (e.g. repair or replacement, or two plans) and did not press you to decide during the call.",
            zh: "至少介绍了两种方案（如维修或更换、两种套餐），并且没有催促您在通话中就做决定，即为通过。",
          },
        }),
      ],
    },
    {
      key: "hold_transfer",
      title: { en: "Hold and transfers", zh: "等待与转接" },
      weight: 2,
      items: [
        item({
          key: "asks_before_hold",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "Did the agent ask before putting you on hold?",
            zh: "客服让您稍候之前，是否先征得您的同意？",
          },
          guidance: {
            en: "Pass if they said why and for roughly how long, and waited for your OK before the line went quiet. N/A if you were never put on hold.",
            zh: "说明了原因和大约要等多久，并在您同意后才让您等待，即为通过。全程没有被要求等待时选“不适用”。",
          },
        }),
        item({
          key: "hold_time",
          kind: "number",
          unit: "seconds",
          pass: { max: 60 },
          naAllowed: true,
          evidenceOnFail: "none",
          prompt: {
            en: "How long was your longest single hold, in seconds?",
            zh: "您单次最长等待了多少秒？",
          },
          guidance: {
            en: "Time it from when the line went quiet or the music started until the agent came back. If the agent came back to update you, the clock restarts. 60 seconds or less is a pass. N/A if you were never put on hold.",
            zh: "从线路静音或开始播放音乐时计时，到客服回来为止；客服中途回来向您说明进展的，重新计时。60秒及以内为通过。全程没有被要求等待时选“不适用”。",
          },
        }),
        item({
          key: "no_transfer_runaround",
          kind: "yes_no",
          weight: 2,
          prompt: {
            en: "Did you reach someone who could help without being passed around?",
            zh: "您是否无需被来回转接，就找到了能解决问题的人？",
          },
          guidance: {
            en: "Pass if you were transferred at most once, were told who you were being put through to, and did not have to tell your story again from the start. Being bounced between departments or told to ring another number is a fail.",
            zh: "最多转接一次，转接前告知您要转给谁，且无需把情况从头再讲一遍，即为通过；在几个部门之间来回转，或被要求另拨其他号码，为不通过。",
          },
        }),
      ],
    },
    {
      key: "objection_handling",
      title: { en: "Handling objections", zh: "异议处理" },
      weight: 3,
      items: [
        item({
          key: "objection_surfaced",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "Step 1: Did the agent draw out all your concerns and ask which mattered most?",
            zh: "第一步：客服是否问清了您的全部顾虑，并确认哪一点最要紧？",
          },
          guidance: {
            en: "Pass if, after your first objection, they asked whether anything else was bothering you and which point mattered most to you. N/A if you raised no objection or complaint.",
            zh: "在您提出第一个异议后，追问还有没有其他顾虑，并确认您最在意的是哪一点，即为通过。通话中没有提出异议或投诉时选“不适用”。",
          },
        }),
        item({
          key: "objection_understood",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "Step 2: Did they ask open questions to understand the objection?",
            zh: "第二步：客服是否通过开放式提问弄清了异议背后的原因？",
          },
          guidance: {
            en: "Pass if, before answering it, they asked at least one open question about your main concern, e.g. 'What worries you most about the price?'. N/A if you raised no objection or complaint.",
            zh: "在答复之前，针对您最主要的顾虑至少问了一个开放式问题（如“价格方面您主要担心的是什么？”），即为通过。没有提出异议或投诉时选“不适用”。",
          },
        }),
        item({
          key: "objection_restated",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "Step 3: Did they restate the objection and get you to agree to it?",
            zh: "第三步：客服是否复述了您的异议，并得到您的认同？",
          },
          guidance: {
            en: "Pass if they summed up the concern and checked it with you, e.g. 'If we can have it repaired by Friday, would that work for you?'. N/A if you raised no objection or complaint.",
            zh: "把您的顾虑归纳出来并与您确认（如“如果周五之前能修好，您看可以吗？”），即为通过。没有提出异议或投诉时选“不适用”。",
          },
        }),
        item({
          key: "objection_resolved",
          kind: "yes_no",
          weight: 2,
          naAllowed: true,
          prompt: {
            en: "Step 4: Did they resolve the objection?",
            zh: "第四步：客服是否解决了您的异议？",
          },
          guidance: {
            en: "Pass if they answered the concern you agreed on with a concrete fix or facts, and a clear next step: who does what, by when. N/A if you raised no objection or complaint.",
            zh: "针对双方确认的顾虑给出具体的解决办法或事实依据，并讲明下一步由谁在什么时间前做什么，即为通过。没有提出异议或投诉时选“不适用”。",
          },
        }),
      ],
    },
    {
      key: "competitors",
      title: { en: "Competitors and colleagues", zh: "对待同行与同事" },
      weight: 1,
      items: [
        item({
          key: "no_disparaging_remarks",
          kind: "yes_no",
          critical: "audit",
          prompt: {
            en: "Did the agent avoid running down competitors, colleagues or their own company?",
            zh: "客服是否没有贬低竞争对手、同事或本公司？",
          },
          guidance: {
            en: "Pass if every comparison was factual and fair. Any put-down, such as 'their network is rubbish' or 'the other department always gets it wrong', is a fail even if you invited it; quote it in the comment. Failing this item scores the whole audit 0.",
            zh: "所有比较都客观公正即为通过。只要出现贬损的话（如“他们家的网络烂透了”“那个部门老是搞错”），即使是您引出来的，也判为不通过，并请在备注中记下原话。此项不通过，整份评估计0分。",
          },
        }),
      ],
    },
    {
      key: "forbidden_phrases",
      title: { en: "Forbidden phrases", zh: "服务禁语" },
      weight: 3,
      items: [
        item({
          key: "no_i_dont_know",
          kind: "yes_no",
          prompt: {
            en: "Did the agent avoid saying 'I don't know'?",
            zh: "客服是否没有说“我不知道”？",
          },
          guidance: {
            en: "Fail if you heard 'I don't know', 'no idea' or similar, even if help followed. The expected wording is 'Let me check that for you'.",
            zh: "只要听到“我不知道”“不清楚”之类的话即为不通过，即使随后提供了帮助。应有的说法是“我帮您查一下”。",
          },
        }),
        item({
          key: "no_not_my_job",
          kind: "yes_no",
          prompt: {
            en: "Did the agent avoid saying 'That's not my job' or 'Not my department'?",
            zh: "客服是否没有说“这不归我管”或“不是我们部门的事”？",
          },
          guidance: {
            en: "Fail if you heard any version of 'not my job', 'not my department' or 'that's another team'. Pass if they took the question on or put you through to the right person themselves.",
            zh: "只要听到“这不归我管”“不是我们部门的”“那是别的组负责的”之类的话即为不通过；自己接下问题，或亲自帮您转给负责的人，即为通过。",
          },
        }),
        item({
          key: "no_we_cant",
          kind: "yes_no",
          prompt: {
            en: "Did the agent avoid saying 'We can't do that'?",
            zh: "客服是否没有说“这个我们办不了”？",
          },
          guidance: {
            en: "Fail if they said 'we can't do that' or 'that's impossible'. Pass if, faced with a difficult request, they talked about what they could do, e.g. 'Let me see what I can do'.",
            zh: "说出“这个我们办不了”“不可能”之类的话即为不通过；遇到难办的要求，改为说明能做什么（如“我看看能怎么帮您”），即为通过。",
          },
        }),
        item({
          key: "no_you_must",
          kind: "yes_no",
          prompt: {
            en: "Did the agent avoid telling you 'You must…' and sending you elsewhere?",
            zh: "客服是否没有用“您必须……”把您支来支去？",
          },
          guidance: {
            en: "Fail if they told you that you must call another number, go to a branch or send in forms on your own. Pass if, when another step was needed, they explained it politely and did what they could from their end.",
            zh: "要求您“必须”自己另打电话、去门店或寄送材料，即为不通过；确实需要其他手续时，客气地说明，并在自己这边尽量代为办理，即为通过。",
          },
        }),
        item({
          key: "no_flat_refusal",
          kind: "yes_no",
          prompt: {
            en: "Did the agent avoid turning you down with a flat 'No'?",
            zh: "客服是否没有生硬地一口回绝“不行”？",
          },
          guidance: {
            en: "Fail if they refused with a bare 'no' or 'not possible'. Pass if every refusal came with something they could offer instead, such as an exchange, a repair or a credit.",
            zh: "只丢下一句“不行”“没办法”就拒绝您，即为不通过；每次拒绝都同时给出替代办法（如换货、维修或补偿），即为通过。",
          },
        }),
        item({
          key: "no_insincere_phrases",
          kind: "yes_no",
          prompt: {
            en: "Did the agent avoid insincere phrases such as 'to be honest' or 'frankly'?",
            zh: "客服是否没有使用“说实话”“老实讲”这类显得不真诚的口头禅？",
          },
          guidance: {
            en: "Fail if you heard 'to be honest', 'frankly', 'I mean', or a pushy 'So, shall I sign you up now?'. Quote what you heard in the comment.",
            zh: "只要听到“说实话”“老实讲”“我的意思是”，或“那我现在就给您办了吧？”这类催促的话，即为不通过，请在备注中记下原话。",
          },
        }),
      ],
    },
    {
      key: "closing",
      title: { en: "Closing", zh: "结束通话" },
      weight: 1,
      items: [
        item({
          key: "thanks_caller",
          kind: "yes_no",
          prompt: {
            en: "Did the agent check whether you needed anything else and thank you for calling?",
            zh: "结束通话前，客服是否询问您还有没有其他需要，并感谢您的来电？",
          },
          guidance: {
            en: "Pass if, before ending the call, they asked whether there was anything else they could help with and thanked you for calling.",
            zh: "挂断前询问了还有没有其他可以帮您的，并对您的来电表示感谢，即为通过。",
          },
        }),
        item({
          key: "arranges_follow_up",
          kind: "yes_no",
          naAllowed: true,
          prompt: {
            en: "If something was left to do, did they agree when they would get back to you?",
            zh: "如有事项需要后续跟进，客服是否与您约定了回复时间？",
          },
          guidance: {
            en: "Pass if they said who would contact you, how and by when, at a time that suits you (daytime, not mealtimes), and gave you a reference number if there is one. N/A if everything was settled during the call.",
            zh: "说明了由谁、以什么方式、在什么时间之前联系您，时间照顾到您的方便（白天、避开饭点），如有工单号也告诉了您，即为通过。问题在通话中已全部解决时选“不适用”。",
          },
        }),
      ],
    },
  ],
};

/** Seeded into every new organisation, in this order. */
export const DEFAULT_TEMPLATES = [STORE_VISIT_TEMPLATE, CALL_CENTRE_TEMPLATE] as const;

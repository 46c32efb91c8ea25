/**
 * Word lists for the demo network. Generic names are real INN / 通用名 so the
 * catalogue looks familiar to pharmacists; brands, chains, stores and people
 * are invented (any resemblance to a real chain is accidental).
 */

export interface GenericDrug {
  zh: string;
  en: string;
  form: FormKey;
  strengths: readonly string[];
  /** The name already says the form (藿香正气水, eye drops): no form suffix is added. */
  complete?: boolean;
}

export type FormKey = 'tablet' | 'capsule' | 'granule' | 'syrup' | 'injection' | 'pen' | 'ointment' | 'drops' | 'insert' | 'device' | 'sachet';

export interface FormInfo {
  /** Suffix of the product name (片, 胶囊, 注射液). */
  nameZh: string;
  nameEn: string;
  /** What the pack size counts (片 / ml / g). */
  countZh: string;
  countEn: string;
  /** Selling unit (盒 / 支 / 瓶). */
  unitZh: string;
  unitEn: string;
  packs: readonly number[];
  /** Cold-box capacity units one selling unit takes. */
  volumeUnits: readonly number[];
}

export const FORMS: Record<FormKey, FormInfo> = {
  tablet: { nameZh: '片', nameEn: 'tablets', countZh: '片', countEn: 'tablets', unitZh: '盒', unitEn: 'box', packs: [12, 24, 28, 30, 48, 60], volumeUnits: [1, 1, 2] },
  capsule: { nameZh: '胶囊', nameEn: 'capsules', countZh: '粒', countEn: 'capsules', unitZh: '盒', unitEn: 'box', packs: [10, 12, 20, 24, 36], volumeUnits: [1, 1, 2] },
  granule: { nameZh: '颗粒', nameEn: 'granules', countZh: '袋', countEn: 'sachets', unitZh: '盒', unitEn: 'box', packs: [6, 9, 10, 12, 20], volumeUnits: [2, 3] },
  syrup: { nameZh: '口服液', nameEn: 'oral solution', countZh: 'ml', countEn: 'ml', unitZh: '瓶', unitEn: 'bottle', packs: [60, 100, 120, 150], volumeUnits: [3, 4] },
  injection: { nameZh: '注射液', nameEn: 'injection', countZh: '支', countEn: 'vials', unitZh: '盒', unitEn: 'box', packs: [1, 2, 5, 10], volumeUnits: [1, 2] },
  pen: { nameZh: '注射液', nameEn: 'prefilled pen', countZh: '支', countEn: 'pens', unitZh: '盒', unitEn: 'box', packs: [1, 2, 3, 5], volumeUnits: [1, 2] },
  ointment: { nameZh: '软膏', nameEn: 'ointment', countZh: 'g', countEn: 'g', unitZh: '支', unitEn: 'tube', packs: [5, 10, 15, 20], volumeUnits: [1] },
  drops: { nameZh: '滴眼液', nameEn: 'eye drops', countZh: 'ml', countEn: 'ml', unitZh: '瓶', unitEn: 'bottle', packs: [2.5, 5, 8, 10], volumeUnits: [1] },
  insert: { nameZh: '栓', nameEn: 'insert', countZh: '枚', countEn: 'inserts', unitZh: '盒', unitEn: 'box', packs: [1, 3, 6], volumeUnits: [1] },
  device: { nameZh: '', nameEn: '', countZh: '件', countEn: 'pieces', unitZh: '盒', unitEn: 'box', packs: [10, 20, 50, 100], volumeUnits: [2, 3, 4] },
  sachet: { nameZh: '散', nameEn: 'powder', countZh: '袋', countEn: 'sachets', unitZh: '盒', unitEn: 'box', packs: [6, 10, 12, 15], volumeUnits: [2] },
};

const g = (zh: string, en: string, form: FormKey, strengths: string[], complete = false): GenericDrug => ({
  zh,
  en,
  form,
  strengths,
  ...(complete ? { complete } : {}),
});

/** Ambient prescription drugs. */
export const AMBIENT_RX: readonly GenericDrug[] = [
  g('阿莫西林', 'Amoxicillin', 'capsule', ['250 mg', '500 mg']),
  g('头孢克肟', 'Cefixime', 'capsule', ['50 mg', '100 mg']),
  g('头孢呋辛酯', 'Cefuroxime axetil', 'tablet', ['125 mg', '250 mg']),
  g('阿奇霉素', 'Azithromycin', 'tablet', ['250 mg', '500 mg']),
  g('左氧氟沙星', 'Levofloxacin', 'tablet', ['250 mg', '500 mg']),
  g('甲硝唑', 'Metronidazole', 'tablet', ['200 mg']),
  g('二甲双胍', 'Metformin', 'tablet', ['250 mg', '500 mg', '850 mg']),
  g('格列美脲', 'Glimepiride', 'tablet', ['1 mg', '2 mg']),
  g('阿卡波糖', 'Acarbose', 'tablet', ['50 mg', '100 mg']),
  g('氨氯地平', 'Amlodipine', 'tablet', ['5 mg', '10 mg']),
  g('硝苯地平控释', 'Nifedipine CR', 'tablet', ['30 mg']),
  g('缬沙坦', 'Valsartan', 'capsule', ['80 mg', '160 mg']),
  g('厄贝沙坦', 'Irbesartan', 'tablet', ['75 mg', '150 mg']),
  g('美托洛尔', 'Metoprolol', 'tablet', ['25 mg', '47.5 mg']),
  g('阿托伐他汀', 'Atorvastatin', 'tablet', ['10 mg', '20 mg', '40 mg']),
  g('瑞舒伐他汀', 'Rosuvastatin', 'tablet', ['5 mg', '10 mg']),
  g('氯吡格雷', 'Clopidogrel', 'tablet', ['75 mg']),
  g('孟鲁司特', 'Montelukast', 'tablet', ['4 mg', '10 mg']),
  g('左甲状腺素', 'Levothyroxine', 'tablet', ['50 µg', '100 µg']),
  g('奥美拉唑', 'Omeprazole', 'capsule', ['20 mg']),
  g('泮托拉唑', 'Pantoprazole', 'tablet', ['40 mg']),
  g('舍曲林', 'Sertraline', 'tablet', ['50 mg']),
  g('恩替卡韦', 'Entecavir', 'tablet', ['0.5 mg']),
  g('坦索罗辛', 'Tamsulosin', 'capsule', ['0.2 mg']),
  g('别嘌醇', 'Allopurinol', 'tablet', ['100 mg']),
  g('泼尼松', 'Prednisone', 'tablet', ['5 mg']),
  g('沙丁胺醇气雾剂', 'Salbutamol inhaler', 'device', ['100 µg'], true),
  g('肝素钠', 'Heparin sodium', 'injection', ['12500 IU']),
];

/** Ambient OTC medicines and health products. */
export const AMBIENT_OTC: readonly GenericDrug[] = [
  g('布洛芬', 'Ibuprofen', 'tablet', ['200 mg', '300 mg', '400 mg']),
  g('布洛芬混悬液', 'Ibuprofen oral suspension', 'syrup', ['2%'], true),
  g('对乙酰氨基酚', 'Paracetamol', 'tablet', ['500 mg', '650 mg']),
  g('阿司匹林肠溶', 'Aspirin EC', 'tablet', ['100 mg']),
  g('氯雷他定', 'Loratadine', 'tablet', ['10 mg']),
  g('西替利嗪', 'Cetirizine', 'tablet', ['10 mg']),
  g('维生素C', 'Vitamin C', 'tablet', ['100 mg', '500 mg']),
  g('复合维生素B', 'Vitamin B complex', 'tablet', ['standard']),
  g('碳酸钙D3', 'Calcium carbonate D3', 'tablet', ['600 mg']),
  g('蒙脱石散', 'Montmorillonite powder', 'sachet', ['3 g'], true),
  g('口服补液盐', 'Oral rehydration salts', 'sachet', ['III'], true),
  g('连花清瘟', 'Lianhua Qingwen', 'capsule', ['0.35 g']),
  g('板蓝根', 'Banlangen', 'granule', ['10 g']),
  g('感冒灵', 'Ganmaoling', 'granule', ['10 g']),
  g('健胃消食片', 'Jianwei Xiaoshi tablets', 'tablet', ['0.8 g'], true),
  g('藿香正气水', 'Huoxiang Zhengqi tincture', 'syrup', ['standard'], true),
  g('复方甘草', 'Compound liquorice', 'syrup', ['standard']),
  g('莫匹罗星', 'Mupirocin', 'ointment', ['2%']),
  g('红霉素眼膏', 'Erythromycin eye ointment', 'ointment', ['0.5%'], true),
  g('玻璃酸钠滴眼液', 'Sodium hyaluronate eye drops', 'drops', ['0.1%', '0.3%'], true),
  g('碘伏消毒液', 'Povidone-iodine solution', 'syrup', ['0.5%'], true),
  g('医用外科口罩', 'Surgical masks', 'device', ['standard']),
  g('血糖试纸', 'Blood glucose test strips', 'device', ['standard']),
  g('创可贴', 'Adhesive bandages', 'device', ['standard']),
  g('电子体温计', 'Digital thermometer', 'device', ['standard']),
];

/** 2–8 °C prescription drugs (insulins, GLP-1, biologics, hormones). */
export const CHILLED_RX: readonly GenericDrug[] = [
  g('甘精胰岛素', 'Insulin glargine', 'pen', ['100 U/ml 3 ml']),
  g('门冬胰岛素', 'Insulin aspart', 'pen', ['100 U/ml 3 ml']),
  g('赖脯胰岛素', 'Insulin lispro', 'pen', ['100 U/ml 3 ml']),
  g('地特胰岛素', 'Insulin detemir', 'pen', ['100 U/ml 3 ml']),
  g('精蛋白人胰岛素', 'Isophane human insulin', 'injection', ['400 IU/10 ml']),
  g('利拉鲁肽', 'Liraglutide', 'pen', ['18 mg/3 ml']),
  g('司美格鲁肽', 'Semaglutide', 'pen', ['0.25/0.5 mg', '1 mg']),
  g('度拉糖肽', 'Dulaglutide', 'pen', ['0.75 mg', '1.5 mg']),
  g('阿达木单抗', 'Adalimumab', 'pen', ['40 mg/0.4 ml']),
  g('依那西普', 'Etanercept', 'injection', ['25 mg', '50 mg']),
  g('重组人促红素', 'Epoetin alfa', 'injection', ['3000 IU', '10000 IU']),
  g('干扰素α-2b', 'Interferon alfa-2b', 'injection', ['3 MIU', '5 MIU']),
  g('重组人生长激素', 'Somatropin', 'pen', ['12 IU', '30 IU']),
  g('依诺肝素', 'Enoxaparin', 'injection', ['4000 AXa IU']),
  g('拉坦前列素滴眼液', 'Latanoprost eye drops', 'drops', ['0.005%'], true),
  g('特立帕肽', 'Teriparatide', 'pen', ['20 µg']),
];

/** 2–8 °C OTC products (live probiotics). */
export const CHILLED_OTC: readonly GenericDrug[] = [
  g('双歧杆菌四联活菌', 'Bifidobacterium tetravaccine', 'tablet', ['0.5 g']),
  g('枯草杆菌二联活菌', 'Bacillus subtilis & Enterococcus', 'granule', ['1 g']),
  g('酪酸梭菌活菌', 'Clostridium butyricum', 'capsule', ['0.35 g']),
  g('复方乳酸菌', 'Compound Lactobacillus', 'capsule', ['0.33 g']),
];

/** ≤ −15 °C products. */
export const FROZEN_RX: readonly GenericDrug[] = [
  g('地诺前列酮栓', 'Dinoprostone vaginal insert', 'insert', ['10 mg'], true),
  g('水痘减毒活疫苗', 'Varicella vaccine, live', 'injection', ['0.5 ml'], true),
  g('重组蛋白注射液（冷冻）', 'Recombinant protein injection, frozen', 'injection', ['1 mg'], true),
];

/** Brand syllables with their pinyin, combined into invented brand names (优宁 / Youning). */
export const BRAND_SYLLABLES: readonly (readonly [string, string])[] = [
  ['优', 'You'], ['安', 'An'], ['诺', 'Nuo'], ['康', 'Kang'], ['泰', 'Tai'], ['舒', 'Shu'], ['瑞', 'Rui'],
  ['欣', 'Xin'], ['宁', 'Ning'], ['达', 'Da'], ['林', 'Lin'], ['平', 'Ping'], ['通', 'Tong'], ['立', 'Li'],
  ['美', 'Mei'], ['清', 'Qing'], ['和', 'He'], ['益', 'Yi'], ['宝', 'Bao'], ['恒', 'Heng'], ['捷', 'Jie'],
];

/** Invented manufacturers. */
export const MANUFACTURERS: readonly (readonly [string, string])[] = [
  ['华南制药', 'Huanan Pharma'], ['珠江药业', 'Zhujiang Pharma'], ['岭南生物', 'Lingnan Bio'], ['羊城制药', 'Yangcheng Pharma'],
  ['白云山泉药业', 'Baiyun Spring Pharma'], ['越秀医药', 'Yuexiu Medicine'], ['南粤生物', 'Nanyue Bio'], ['康桥制药', 'Kangqiao Pharma'],
  ['海岳药业', 'Haiyue Pharma'], ['济民制药', 'Jimin Pharma'], ['仁和生物', 'Renhe Bio'], ['永信药业', 'Yongxin Pharma'],
];

/** Invented pharmacy chains. */
export const CHAINS: readonly (readonly [string, string])[] = [
  ['康泰大药房', 'Kangtai Pharmacy'], ['仁心堂药店', 'Renxintang Pharmacy'], ['百草大药房', 'Baicao Pharmacy'],
  ['惠民药房', 'Huimin Pharmacy'], ['健安大药房', 'Jian’an Pharmacy'], ['福寿堂药店', 'Fushoutang Pharmacy'],
];

/** Tianhe neighbourhoods (real place names) used for store branches. */
export const AREAS: readonly (readonly [string, string])[] = [
  ['体育西', 'Tiyu Xi'], ['石牌桥', 'Shipaiqiao'], ['岗顶', 'Gangding'], ['珠江新城', 'Zhujiang New Town'],
  ['猎德', 'Liede'], ['冼村', 'Xiancun'], ['员村', 'Yuancun'], ['车陂', 'Chebei'], ['棠下', 'Tangxia'],
  ['天河公园', 'Tianhe Park'], ['五山', 'Wushan'], ['华景新城', 'Huajing New Town'], ['龙口西', 'Longkou Xi'],
  ['林和', 'Linhe'], ['沙河', 'Shahe'], ['燕塘', 'Yantang'], ['天河北', 'Tianhe Bei'], ['体育东', 'Tiyu Dong'],
  ['猎德大桥', 'Liede Bridge'], ['跑马场', 'Racecourse'], ['兴盛路', 'Xingsheng Lu'], ['华师', 'SCNU'],
];

/** Tianhe roads (real names; the demo coordinates are not matched to them). */
export const ROADS: readonly string[] = [
  '天河路', '天河北路', '体育西路', '体育东路', '黄埔大道西', '中山大道西', '花城大道', '林和西路', '五山路',
  '石牌西路', '华景路', '员村二横路', '科韵路', '车陂路', '天河东路', '广州大道中', '临江大道', '龙口西路',
];

export const SURNAMES: readonly string[] = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '梁', '欧阳', '司徒',
];
export const GIVEN_NAMES: readonly string[] = [
  '伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '军', '勇', '杰', '涛', '明', '超', '秀英', '建华', '志强', '海燕', '俊杰',
  '晓东', '嘉欣', '子轩', '浩然', '思远', '家豪', '丽娟', '文斌', '国强', '雪梅', '少华',
];

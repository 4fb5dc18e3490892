// Reference data of the demo county (长兴县, DOMAIN §9): townships, county departments, name and
// place vocabularies. Everything a person reads in the demo comes from here; the people are synthetic.

/** A township (乡镇/街道/管委会) with its statistical code and how many villages and communities it has at scale 1. */
export type Township = {
  code: string;
  name: string;
  kind: 'street' | 'town' | 'zone';
  villages: number;
  communities: number;
  /** Approximate centre (longitude, latitude). */
  lon: number;
  lat: number;
  /** Village names used first (then synthetic ones). */
  knownVillages: string[];
};

/** The 17 townships of DOMAIN §9: 15 with statistical codes and the 2 development zones. */
export const TOWNSHIPS: Township[] = [
  { code: '330522001', name: '雉城街道', kind: 'street', villages: 8, communities: 10, lon: 119.91, lat: 31.02, knownVillages: ['城北村', '城南村', '顾家村'] },
  { code: '330522002', name: '画溪街道', kind: 'street', villages: 12, communities: 4, lon: 119.87, lat: 31.0, knownVillages: ['包桥村', '大亩山村'] },
  { code: '330522003', name: '太湖街道', kind: 'street', villages: 10, communities: 3, lon: 119.95, lat: 31.05, knownVillages: ['新塘村', '城东村'] },
  { code: '330522004', name: '龙山街道', kind: 'street', villages: 10, communities: 4, lon: 119.88, lat: 31.04, knownVillages: ['川步村', '东鱼坊村'] },
  { code: '330522101', name: '洪桥镇', kind: 'town', villages: 18, communities: 2, lon: 120.0, lat: 30.96, knownVillages: ['洪桥村', '陆汇头村'] },
  { code: '330522102', name: '李家巷镇', kind: 'town', villages: 13, communities: 2, lon: 119.98, lat: 30.99, knownVillages: ['石泉村', '青草坞村'] },
  { code: '330522103', name: '夹浦镇', kind: 'town', villages: 16, communities: 2, lon: 120.03, lat: 31.07, knownVillages: ['香山村', '丁新村', '环沉村'] },
  { code: '330522104', name: '林城镇', kind: 'town', villages: 16, communities: 2, lon: 119.8, lat: 30.93, knownVillages: ['大云寺村', '天平村'] },
  { code: '330522106', name: '虹星桥镇', kind: 'town', villages: 15, communities: 2, lon: 119.8, lat: 30.98, knownVillages: ['港口村', '里塘村'] },
  { code: '330522108', name: '小浦镇', kind: 'town', villages: 14, communities: 1, lon: 119.75, lat: 31.04, knownVillages: ['八都岕村', '方一村'] },
  { code: '330522110', name: '和平镇', kind: 'town', villages: 16, communities: 2, lon: 119.78, lat: 30.85, knownVillages: ['吴山村', '城山村'] },
  { code: '330522111', name: '泗安镇', kind: 'town', villages: 17, communities: 2, lon: 119.66, lat: 30.91, knownVillages: ['管埭村', '仙山村'] },
  { code: '330522112', name: '煤山镇', kind: 'town', villages: 16, communities: 2, lon: 119.67, lat: 31.03, knownVillages: ['新槐村', '尚儒村', '访贤村'] },
  { code: '330522200', name: '水口乡', kind: 'town', villages: 10, communities: 1, lon: 119.83, lat: 31.1, knownVillages: ['顾渚村', '金山村', '徽州庄村'] },
  { code: '330522202', name: '吕山乡', kind: 'town', villages: 10, communities: 1, lon: 119.95, lat: 30.91, knownVillages: ['胥仓村', '吕山村'] },
  { code: '', name: '图影管委会', kind: 'zone', villages: 4, communities: 1, lon: 120.02, lat: 31.03, knownVillages: ['图影村'] },
  { code: '', name: '南太湖管委会', kind: 'zone', villages: 3, communities: 1, lon: 119.99, lat: 31.06, knownVillages: ['新港村'] },
];

/** What kind of units a county department has under it (besides its own 机关 branches). */
export type DeptKind = 'plain' | 'education' | 'health' | 'soe' | 'two_new' | 'police';

/** A county department (县直部门): full name, short name, how many 机关 branches at scale 1, what it runs. */
export type Department = { name: string; short: string; branches: number; kind: DeptKind };

/** The 48 county departments (DOMAIN §9) whose party committees sit directly under the county committee. */
export const DEPARTMENTS: Department[] = [
  { name: '县委办公室', short: '县委办', branches: 3, kind: 'plain' },
  { name: '县人大常委会办公室', short: '县人大办', branches: 2, kind: 'plain' },
  { name: '县人民政府办公室', short: '县政府办', branches: 3, kind: 'plain' },
  { name: '县政协办公室', short: '县政协办', branches: 2, kind: 'plain' },
  { name: '县纪委县监委', short: '县纪委监委', branches: 4, kind: 'plain' },
  { name: '县委组织部', short: '组织部', branches: 3, kind: 'plain' },
  { name: '县委宣传部', short: '宣传部', branches: 2, kind: 'plain' },
  { name: '县委统战部', short: '统战部', branches: 2, kind: 'plain' },
  { name: '县委政法委员会', short: '政法委', branches: 2, kind: 'plain' },
  { name: '县委机构编制委员会办公室', short: '编办', branches: 1, kind: 'plain' },
  { name: '县委党校', short: '县委党校', branches: 2, kind: 'plain' },
  { name: '县发展和改革局', short: '发改局', branches: 3, kind: 'plain' },
  { name: '县经济和信息化局', short: '经信局', branches: 3, kind: 'plain' },
  { name: '县教育局', short: '教育局', branches: 3, kind: 'education' },
  { name: '县科学技术局', short: '科技局', branches: 2, kind: 'plain' },
  { name: '县公安局', short: '公安局', branches: 4, kind: 'police' },
  { name: '县民政局', short: '民政局', branches: 3, kind: 'plain' },
  { name: '县司法局', short: '司法局', branches: 3, kind: 'plain' },
  { name: '县财政局', short: '财政局', branches: 3, kind: 'plain' },
  { name: '县人力资源和社会保障局', short: '人社局', branches: 3, kind: 'plain' },
  { name: '县自然资源和规划局', short: '自然资源局', branches: 4, kind: 'plain' },
  { name: '湖州市生态环境局长兴分局', short: '生态环境分局', branches: 2, kind: 'plain' },
  { name: '县住房和城乡建设局', short: '住建局', branches: 4, kind: 'plain' },
  { name: '县交通运输局', short: '交通运输局', branches: 4, kind: 'plain' },
  { name: '县水利局', short: '水利局', branches: 3, kind: 'plain' },
  { name: '县农业农村局', short: '农业农村局', branches: 5, kind: 'plain' },
  { name: '县商务局', short: '商务局', branches: 2, kind: 'plain' },
  { name: '县文化和广电旅游体育局', short: '文广旅体局', branches: 3, kind: 'plain' },
  { name: '县卫生健康局', short: '卫健局', branches: 3, kind: 'health' },
  { name: '县退役军人事务局', short: '退役军人局', branches: 2, kind: 'plain' },
  { name: '县应急管理局', short: '应急管理局', branches: 2, kind: 'plain' },
  { name: '县审计局', short: '审计局', branches: 2, kind: 'plain' },
  { name: '县人民政府国有资产监督管理办公室', short: '国资办', branches: 2, kind: 'soe' },
  { name: '县市场监督管理局', short: '市场监管局', branches: 5, kind: 'plain' },
  { name: '县统计局', short: '统计局', branches: 1, kind: 'plain' },
  { name: '县医疗保障局', short: '医保局', branches: 2, kind: 'plain' },
  { name: '县综合行政执法局', short: '综合执法局', branches: 4, kind: 'plain' },
  { name: '县信访局', short: '信访局', branches: 1, kind: 'plain' },
  { name: '县大数据发展管理局', short: '大数据局', branches: 2, kind: 'plain' },
  { name: '县机关事务管理中心', short: '机关事务中心', branches: 2, kind: 'plain' },
  { name: '县总工会', short: '县总工会', branches: 1, kind: 'plain' },
  { name: '共青团长兴县委员会', short: '团县委', branches: 1, kind: 'plain' },
  { name: '县妇女联合会', short: '县妇联', branches: 1, kind: 'plain' },
  { name: '县人民法院', short: '县法院', branches: 4, kind: 'plain' },
  { name: '县人民检察院', short: '县检察院', branches: 3, kind: 'plain' },
  { name: '国家税务总局长兴县税务局', short: '县税务局', branches: 4, kind: 'plain' },
  { name: '县供销合作社联合社', short: '县供销社', branches: 2, kind: 'plain' },
  { name: '县委两新工委', short: '两新工委', branches: 1, kind: 'two_new' },
];

/** Big county-level units with their own 党委/总支 and branches (hospitals, state enterprises, leading schools). */
export const HOSPITALS: { name: string; level: 'party_committee' | 'general_branch'; branches: string[] }[] = [
  { name: '长兴县人民医院', level: 'party_committee', branches: ['内科', '外科', '医技', '护理', '行政后勤', '离退休'] },
  { name: '长兴县中医院', level: 'party_committee', branches: ['内科', '外科', '医技护理', '行政后勤'] },
  { name: '长兴县第二人民医院', level: 'general_branch', branches: ['临床', '医技护理', '行政后勤'] },
  { name: '长兴县第三人民医院', level: 'general_branch', branches: ['临床', '行政后勤'] },
  { name: '长兴县妇幼保健院', level: 'general_branch', branches: ['临床', '行政后勤'] },
];

/** Other health units run as single branches. */
export const HEALTH_BRANCHES = ['长兴县疾病预防控制中心', '长兴县急救站', '长兴县卫生监督所', '长兴县血站'];

export const SOES: { name: string; big: boolean }[] = [
  { name: '长兴县国有资产投资控股集团有限公司', big: true },
  { name: '长兴县交通投资集团有限公司', big: true },
  { name: '长兴县城市建设投资集团有限公司', big: true },
  { name: '长兴县水务集团有限公司', big: true },
  { name: '长兴县文化旅游发展集团有限公司', big: true },
  { name: '长兴县金融投资集团有限公司', big: true },
  { name: '长兴县太湖新城开发建设有限公司', big: true },
  { name: '长兴县公共交通有限公司', big: false },
  { name: '长兴县粮食收储有限公司', big: false },
  { name: '长兴县自来水有限公司', big: false },
  { name: '长兴县农村商业银行股份有限公司', big: true },
  { name: '长兴县广播电视网络有限公司', big: false },
  { name: '长兴县住房租赁有限公司', big: false },
  { name: '长兴县物资有限公司', big: false },
  { name: '长兴县担保有限公司', big: false },
  { name: '长兴县供销物流有限公司', big: false },
  { name: '长兴县水利建设有限公司', big: false },
  { name: '长兴县旅游开发有限公司', big: false },
  { name: '长兴县人力资源开发有限公司', big: false },
  { name: '长兴县数字科技有限公司', big: false },
];

/** Schools: the big ones are 党总支 with branches; the rest one branch each (names built per township). */
export const BIG_SCHOOLS = ['长兴中学', '长兴县金陵高级中学', '长兴县华盛达实验学校', '长兴县职业教育中心', '长兴县实验小学', '长兴县第一中学'];
export const SCHOOL_KINDS = ['中学', '初级中学', '中心小学', '第二小学', '中心幼儿园'];

/** The ethnicities (民族) of the members: overwhelmingly 汉族. */
export const ETHNICITIES: [string, number][] = [
  ['汉族', 9850], ['畲族', 40], ['回族', 25], ['土家族', 20], ['苗族', 20], ['满族', 15], ['壮族', 12], ['蒙古族', 8], ['彝族', 5], ['布依族', 5],
];

/**
 * Surnames with rough weights (national frequency, with 长兴's many 沈, 钱, 王, 陈, 吴 boosted).
 */
export const SURNAMES: [string, number][] = [
  ['王', 95], ['李', 60], ['张', 60], ['刘', 40], ['陈', 85], ['杨', 35], ['黄', 25], ['赵', 22], ['吴', 60], ['周', 35],
  ['徐', 38], ['孙', 18], ['马', 14], ['朱', 28], ['胡', 22], ['郭', 10], ['何', 14], ['高', 12], ['林', 12], ['罗', 8],
  ['郑', 14], ['梁', 6], ['谢', 8], ['宋', 8], ['唐', 8], ['许', 12], ['韩', 6], ['冯', 8], ['邓', 5], ['曹', 8],
  ['彭', 5], ['曾', 4], ['肖', 5], ['田', 4], ['董', 7], ['袁', 6], ['潘', 14], ['于', 3], ['蒋', 12], ['蔡', 8],
  ['余', 7], ['杜', 5], ['叶', 10], ['程', 6], ['苏', 5], ['魏', 4], ['吕', 6], ['丁', 8], ['任', 4], ['沈', 90],
  ['姚', 10], ['卢', 5], ['姜', 5], ['崔', 3], ['钟', 4], ['谭', 3], ['陆', 12], ['汪', 8], ['范', 7], ['金', 12],
  ['石', 5], ['廖', 2], ['贾', 3], ['夏', 7], ['韦', 2], ['付', 3], ['方', 9], ['白', 3], ['邹', 4], ['孟', 3],
  ['熊', 3], ['秦', 4], ['邱', 5], ['江', 5], ['尹', 3], ['薛', 4], ['闫', 2], ['段', 2], ['雷', 3], ['侯', 3],
  ['龙', 2], ['史', 4], ['陶', 5], ['黎', 2], ['贺', 3], ['顾', 12], ['毛', 6], ['郝', 2], ['龚', 4], ['邵', 7],
  ['万', 4], ['钱', 55], ['严', 6], ['覃', 1], ['武', 3], ['戴', 6], ['莫', 4], ['孔', 3], ['向', 2], ['汤', 6],
];

/** Given-name characters by gender and generation (born before 1960, 1960–1984, from 1985). */
export const GIVEN_CHARS = {
  male: {
    old: '国建德福根荣宝金林明华海忠新祥法生泉水财发才文志树仁松春炳阿元正顺兴云洪寿章伯有其长鸿'.split(''),
    mid: '伟军勇强斌杰涛辉刚平峰波卫东明华建国志晓海林永红利忠胜春俊学良庆宏锋雷斌飞'.split(''),
    young: '浩宇轩昊博磊鹏晨俊杰超凯帆哲鑫子涵睿泽翔宁宸航逸嘉铭成然旭毅阳'.split(''),
  },
  female: {
    old: '秀英兰珍芳凤梅菊玉琴娥桂金月彩爱美仙素花宝妹云凤香荷娣'.split(''),
    mid: '丽红燕静萍敏艳芳霞娟琳颖雪慧婷洁玲莉娜晓华琴月红霞蓉'.split(''),
    young: '婷雯怡欣悦佳琪倩璐瑶萱涵梦诗可思雨嘉琳洁颖钰妍婧'.split(''),
  },
} as const;

/** Syllables for synthetic village, community and company names. */
export const PLACE_FIRST = '新金石东西南北上下大小长青白红黄马龙凤桃杨柳梅竹松高方丁顾章徐潘何汪胡蒋水云天光和太福安宁丰兴永仙文荆槐尚双三八五合平洪泗夹吕溪锦荷茶'.split('');
export const PLACE_SECOND = '桥山塘湾溪港浦岕家庄墩埠圩岭坞坝渎口门林园头里兜田河泉洋岙'.split('');
export const COMMUNITY_NAMES = [
  '北门', '南门', '东门', '西门', '城东', '城南', '城西', '城北', '长兴港', '龙山', '太湖', '画溪', '金陵', '明珠', '解放', '人民', '环城', '新华',
  '五峰', '雉州', '中山', '古城', '齐山', '长中', '钟秀', '新城', '紫金', '锦绣', '玉兰', '荷花', '雉山', '月亮湾', '水木', '江南', '吉山', '白莲',
];
export const ROADS = [
  '金陵北路', '金陵中路', '明珠路', '解放东路', '解放西路', '人民中路', '长兴大道', '画溪大道', '太湖大道', '龙山大道', '雉州大道', '县前东街',
  '城中路', '五峰路', '环城西路', '长城路', '齐山路', '长中路', '团结路', '古城街',
];
export const COMPANY_WORDS = '天能超威新宏诺力永兴华盛金洲太湖恒通明辉联众瑞丰泰和同力鼎盛中兴嘉华锦程宏达信诚汇通'.split('');
export const INDUSTRIES = ['电池', '新能源', '纺织', '服饰', '机械', '耐火材料', '建材', '电子', '化纤', '家具', '食品', '物流', '印染', '智能装备', '环保科技', '汽车配件', '光伏', '生物科技'];
export const SOCIAL_ORGS = ['个体劳动者协会', '建筑业协会', '物流行业协会', '律师协会', '会计行业协会', '电池行业协会', '志愿者协会', '慈善总会', '老年体育协会', '社会工作服务中心', '餐饮行业协会', '青年企业家协会', '异地商会', '民宿协会', '茶文化研究会', '书法家协会'];

/** Places of other ID numbers (GB/T 2260): code → 户籍 description. Includes retired codes (accepted by DOMAIN §8). */
export const OTHER_ZHEJIANG: [string, string, number][] = [
  ['330502', '浙江省湖州市吴兴区', 20], ['330503', '浙江省湖州市南浔区', 12], ['330521', '浙江省湖州市德清县', 14], ['330523', '浙江省湖州市安吉县', 18],
  ['330106', '浙江省杭州市西湖区', 6], ['330110', '浙江省杭州市余杭区', 6], ['330203', '浙江省宁波市海曙区', 3], ['330302', '浙江省温州市鹿城区', 4],
  ['330424', '浙江省嘉兴市海盐县', 3], ['330681', '浙江省绍兴市诸暨市', 4], ['331082', '浙江省台州市临海市', 4], ['330781', '浙江省金华市兰溪市', 3],
  ['330324', '浙江省温州市永嘉县', 3], ['330501', '浙江省湖州市', 2],
];
export const OTHER_PROVINCES: [string, string, number][] = [
  ['341524', '安徽省六安市金寨县', 10], ['341522', '安徽省六安市霍邱县', 8], ['342522', '安徽省宣城地区广德县', 10], ['341881', '安徽省宣城市宁国市', 6],
  ['320582', '江苏省苏州市张家港市', 4], ['320481', '江苏省常州市溧阳市', 6], ['320282', '江苏省无锡市宜兴市', 8], ['360121', '江西省南昌市南昌县', 4],
  ['362321', '江西省上饶地区上饶县', 3], ['412727', '河南省周口地区淮阳县', 4], ['510722', '四川省绵阳市三台县', 4], ['430522', '湖南省邵阳市新邵县', 3],
  ['420984', '湖北省孝感市汉川市', 3], ['370921', '山东省泰安市宁阳县', 2], ['522121', '贵州省遵义市遵义县', 2], ['450881', '广西壮族自治区贵港市桂平市', 2],
];

/** Reasons recorded with 不计到会率. */
export const EXCLUDE_REASONS = ['年老体弱', '长期卧病在床', '行动不便', '重病住院治疗', '肢体残疾', '长期外地就医'];

//! English texts of the demo service items and their forms, applied by
//! [`crate::demo_services::catalogue`].
//!
//! One table from the Chinese wording to its English: the demo's items and forms share many
//! phrases (the applicant's questions, materials, steps), so a phrase is translated once
//! wherever it appears. Item texts go into the item's `en` block; form labels, hints, options
//! and titles get their `en`. The laws cited (法律依据, 收费依据) stay in Chinese, their
//! authoritative wording, and the app marks them as Chinese. A test holds the table complete.

use guichet_core::form::{FieldKind, FormDefinition, Label};
use guichet_core::service::{Fee, ItemEnglish, ServiceItem};

/// The prefix of every demo item's 办理地点 (the department's windows follow).
const PLACE_PREFIX: &str = "县政务服务中心（县府前路88号）";
const PLACE_PREFIX_EN: &str = "County Government Service Center (88 Fuqian Road), ";

/// Chinese → English.
#[rustfmt::skip]
const EN: &[(&str, &str)] = &[
    // Departments and their windows.
    ("县市场监督管理局", "County Administration for Market Regulation"),
    ("县住房和城乡建设局", "County Housing and Urban-Rural Development Bureau"),
    ("县交通运输局", "County Transport Bureau"),
    ("县公安局", "County Public Security Bureau"),
    ("县民政局", "County Civil Affairs Bureau"),
    ("县卫生健康局", "County Health Commission"),
    ("县自然资源局", "County Natural Resources Bureau"),
    ("县人力资源和社会保障局", "County Human Resources and Social Security Bureau"),
    ("县教育局", "County Education Bureau"),
    ("县城市管理局", "County Urban Management Bureau"),
    ("县消防救援大队", "County Fire and Rescue Brigade"),
    ("县生态环境分局", "County Ecology and Environment Sub-bureau"),
    ("县税务局", "County Taxation Bureau"),
    ("县人民政府办公室（政务公开）", "County Government Office (Government Information)"),
    ("县人民政府办公室", "County Government Office"),
    ("县发展和改革局", "County Development and Reform Bureau"),
    ("县财政局", "County Finance Bureau"),
    ("县统计局", "County Statistics Bureau"),
    ("县农业农村局", "County Agriculture and Rural Affairs Bureau"),
    ("县水利局", "County Water Resources Bureau"),
    ("县应急管理局", "County Emergency Management Bureau"),
    ("县文化和广电旅游体育局", "County Culture, Broadcasting, Tourism and Sports Bureau"),
    ("县医疗保障局", "County Healthcare Security Bureau"),
    ("县退役军人事务局", "County Veterans Affairs Bureau"),
    ("县政务服务中心一楼 A区 1-6号窗口", "ground floor, area A, windows 1-6"),
    ("县政务服务中心二楼 B区 1-4号窗口", "1st floor, area B, windows 1-4"),
    ("县政务服务中心二楼 B区 5-7号窗口", "1st floor, area B, windows 5-7"),
    ("县政务服务中心一楼 C区 公安综合窗口", "ground floor, area C, public security window"),
    ("县政务服务中心三楼 婚姻登记处及 D区 1-2号窗口", "2nd floor, marriage registry and area D, windows 1-2"),
    ("县政务服务中心二楼 B区 8-9号窗口", "1st floor, area B, windows 8-9"),
    ("县政务服务中心三楼 不动产登记大厅", "2nd floor, real estate registration hall"),
    ("县政务服务中心一楼 E区 社保窗口", "ground floor, area E, social security windows"),
    ("县政务服务中心三楼 D区 3号窗口", "2nd floor, area D, window 3"),
    ("县政务服务中心二楼 B区 10号窗口", "1st floor, area B, window 10"),
    ("县政务服务中心二楼 B区 11号窗口", "1st floor, area B, window 11"),
    ("县政务服务中心二楼 B区 12号窗口", "1st floor, area B, window 12"),
    ("县政务服务中心一楼 F区 办税服务厅", "ground floor, area F, tax service hall"),
    ("县政务服务中心一楼 政务公开窗口", "ground floor, government information window"),
    ("一楼 政务公开窗口，或各行政机关的受理地点（见公开指南）",
     "ground floor, government information window, or each authority's own office (see its guide)"),
    ("工作日 上午9:00-12:00，下午13:30-17:30（夏季 下午15:00-18:00）；法定节假日除外",
     "Working days 9:00-12:00 and 13:30-17:30 (in summer 15:00-18:00); closed on public holidays"),
    // The applicant, the company, the agent.
    ("申请人姓名", "Applicant's name"),
    ("申请人身份证号码", "Applicant's ID card number"),
    ("申请人手机号码", "Applicant's mobile number"),
    ("申请人住址", "Applicant's address"),
    ("代理人姓名", "Agent's name"),
    ("代理人身份证号码", "Agent's ID card number"),
    ("代理人手机号码", "Agent's mobile number"),
    ("代理人住址", "Agent's address"),
    ("另一方姓名", "Other party's name"),
    ("另一方身份证号码", "Other party's ID card number"),
    ("另一方手机号码", "Other party's mobile number"),
    ("另一方住址", "Other party's address"),
    ("单位名称", "Organisation name"),
    ("统一社会信用代码", "Unified social credit code"),
    ("法定代表人（负责人）姓名", "Legal representative (person in charge)"),
    ("联系电话", "Contact telephone"),
    ("住所（经营场所）", "Registered address (business premises)"),
    ("申请人信息", "Applicant"),
    ("申请单位信息", "Applicant organisation"),
    ("申请人类型", "Type of applicant"),
    ("个人", "An individual"),
    ("企业或其他组织", "A company or other organisation"),
    ("是否委托他人代为办理", "Is someone else applying on your behalf?"),
    ("否，本人办理", "No, I am applying myself"),
    ("是，委托代理人", "Yes, through an agent"),
    ("委托代理", "Agent"),
    ("申报材料（可拍照或扫描上传）", "Materials (photograph or scan them)"),
    ("申请事项信息", "About the application"),
    ("申请人身份证明", "Applicant's proof of identity"),
    ("授权委托书及代理人身份证明", "Power of attorney and the agent's proof of identity"),
    ("委托他人代为办理的", "When someone else applies on your behalf"),
    ("本人承诺所填信息及所交材料真实、有效，如有虚假，愿承担相应的法律责任。",
     "I declare that the information and materials I give are true and valid, and I accept legal responsibility for anything false."),
    ("营业执照", "Business licence"),
    // Steps.
    ("网上或窗口申请", "Apply online or at the window"),
    ("窗口受理并当场审查", "The window accepts and reviews the application on the spot"),
    ("当场办结、出具结果", "Completed on the spot, with the result issued"),
    ("网上或窗口申请（网上提交后进入预审）", "Apply online or at the window (an online application is pre-reviewed)"),
    ("预审：材料齐全的受理，不齐全的一次性告知补正", "Pre-review: complete applications are accepted; for incomplete ones you are told everything missing at once"),
    ("受理", "Acceptance"),
    ("审查（必要时现场核查）", "Review (with an on-site check if needed)"),
    ("作出决定", "Decision"),
    ("送达（窗口领取或免费邮寄）", "Delivery (collect at the window, or free post)"),
    ("一窗受理：在综合窗口一次提交全部材料", "One window: hand in all the materials once, at the general window"),
    ("抄告相关部门", "The departments concerned are informed"),
    ("各部门并联审查（逾期未提出意见的视为同意）", "The departments review in parallel (no opinion by the deadline counts as consent)"),
    ("联合作出决定", "Joint decision"),
    ("统一出件", "All results issued together"),
    ("选择行政机关，在线填写申请（或窗口、邮寄、传真提交）", "Choose the authority and fill in the request online (or at the window, by post or by fax)"),
    ("登记收到申请之日（工作时间外或休息日提交的，自下一个工作日起算）", "The date of receipt is recorded (outside working hours or on a day off, the next working day)"),
    ("申请内容不明确的，7个工作日内一次性告知补正", "If the request is unclear, you are told within 7 working days, once, what to add"),
    ("自收到申请之日起20个工作日内答复；需要延长的，经批准延长不超过20个工作日", "Reply within 20 working days of receipt; an approved extension adds at most 20 working days"),
    ("答复：予以公开、部分公开、不予公开、无法提供、不予处理或告知", "Reply: disclosed, partly disclosed, withheld, cannot be provided, not handled, or informed"),
    // SC
    ("有限责任公司设立登记", "Registration of a limited liability company"),
    ("股东符合法定人数，有符合公司章程规定的出资", "The shareholders are as many as the law requires, with the capital contributions the articles of association set"),
    ("有公司名称，建立符合要求的组织机构，有公司住所", "The company has a name, a compliant organisation and a registered address"),
    ("公司登记（备案）申请书", "Company registration (filing) application"),
    ("公司章程", "Articles of association"),
    ("股东的主体资格证明或自然人身份证明", "Shareholders' proof of legal status or of identity"),
    ("法定代表人、董事、监事和经理的任职文件及身份证明", "Appointment documents and proof of identity of the legal representative, directors, supervisors and manager"),
    ("住所使用证明", "Proof of use of the premises"),
    ("营业执照（纸质及电子营业执照）", "Business licence (paper and electronic)"),
    ("拟设立公司名称", "Proposed company name"),
    ("注册资本（万元）", "Registered capital (10,000 yuan)"),
    ("股东人数", "Number of shareholders"),
    ("经营范围", "Business scope"),
    ("个体工商户设立登记", "Registration of an individual business"),
    ("有经营能力的自然人", "A natural person able to run a business"),
    ("有固定的经营场所", "Fixed business premises"),
    ("个体工商户登记（备案）申请书", "Individual business registration (filing) application"),
    ("经营场所使用证明", "Proof of use of the business premises"),
    ("个体工商户名称（可不填）", "Business name (may be left blank)"),
    ("经营场所", "Business premises"),
    ("组成形式", "Form of business"),
    ("个人经营", "Run by one person"),
    ("家庭经营", "Run by a family"),
    ("食品经营许可", "Food business licence"),
    ("具有与经营的食品品种、数量相适应的经营场所", "Premises suited to the kinds and quantities of food handled"),
    ("有专职或者兼职的食品安全管理人员和保证食品安全的规章制度", "Full- or part-time food safety staff, and rules that ensure food safety"),
    ("食品经营许可申请书", "Food business licence application"),
    ("经营场所平面图和设备布局、工艺流程图", "Floor plan of the premises, equipment layout and process flow chart"),
    ("食品安全管理制度文本", "Food safety management rules"),
    ("食品经营许可证", "Food business licence"),
    ("经营项目", "Business activities"),
    ("预包装食品销售", "Sale of prepackaged food"),
    ("散装食品销售", "Sale of bulk food"),
    ("热食类食品制售", "Making and selling hot food"),
    ("冷食类食品制售", "Making and selling cold food"),
    ("经营场所面积（平方米）", "Floor area of the premises (m²)"),
    ("企业开办“一件事”（设立登记、公章刻制、社保登记、发票申领）", "Starting a business in one go (registration, company seals, social insurance, invoices)"),
    ("符合公司或个人独资企业、合伙企业设立条件", "Meets the conditions for setting up a company, sole proprietorship or partnership"),
    ("企业开办“一件事”申请表", "Starting-a-business application form"),
    ("公司章程或合伙协议", "Articles of association or partnership agreement"),
    ("营业执照、公章、社会保险登记、税务发票（一次领取）", "Business licence, company seal, social insurance registration and tax invoices (collected together)"),
    ("拟设立企业名称", "Proposed business name"),
    ("需刻制的印章", "Seals to be made"),
    ("公章", "Official seal"),
    ("财务专用章", "Finance seal"),
    ("发票专用章", "Invoice seal"),
    ("合同专用章", "Contract seal"),
    ("是否申领发票", "Do you need invoices?"),
    ("是", "Yes"),
    ("否", "No"),
    ("首次申领发票份数", "Number of invoices for the first issue"),
    ("营业执照变更登记", "Change of business licence details"),
    ("登记事项发生变更的，应当自作出变更决议之日起30日内申请变更登记", "Apply within 30 days of the decision to change the registered details"),
    ("变更登记申请书", "Change of registration application"),
    ("变更决议或决定", "Resolution or decision on the change"),
    ("换发的营业执照", "A new business licence"),
    ("变更事项", "What changes"),
    ("名称", "Name"),
    ("住所", "Registered address"),
    ("法定代表人", "Legal representative"),
    ("注册资本", "Registered capital"),
    ("作出变更决议的日期", "Date of the resolution"),
    ("变更前后内容", "Details before and after the change"),
    // ZJ
    ("建筑工程施工许可证核发", "Construction permit for a building project"),
    ("已经办理该建筑工程用地批准手续", "The land use for the project has been approved"),
    ("已经取得建设工程规划许可证", "The project has its planning permit"),
    ("已经确定施工企业，有满足施工需要的资金安排和施工图纸", "The contractor is chosen, with funding and construction drawings in place"),
    ("建筑工程施工许可证申请表", "Construction permit application form"),
    ("建设工程规划许可证", "Planning permit for the project"),
    ("施工合同", "Construction contract"),
    ("建设资金落实承诺书", "Commitment that the funds are in place"),
    ("建筑工程施工许可证", "Construction permit"),
    ("工程名称", "Project name"),
    ("建设地址", "Site address"),
    ("合同价格（万元）", "Contract price (10,000 yuan)"),
    ("建筑面积（平方米）", "Floor area (m²)"),
    ("计划开工日期", "Planned start date"),
    ("商品房预售许可", "Pre-sale permit for commercial housing"),
    ("已交付全部土地使用权出让金，取得土地使用权证书", "The land transfer fee is paid in full and the land use certificate obtained"),
    ("持有建设工程规划许可证和施工许可证", "Holds the planning permit and the construction permit"),
    ("投入开发建设的资金达到工程建设总投资的25%以上", "At least 25% of the total investment has been spent on construction"),
    ("商品房预售许可申请表", "Pre-sale permit application form"),
    ("工程施工合同及进度说明", "Construction contract and progress report"),
    ("商品房预售方案", "Pre-sale plan"),
    ("商品房预售许可证", "Commercial housing pre-sale permit"),
    ("项目名称", "Project name"),
    ("预售套数", "Number of units for pre-sale"),
    ("房屋建筑和市政基础设施工程竣工联合验收", "Joint completion inspection of buildings and municipal works"),
    ("工程已按设计和合同约定完成全部内容，并经建设单位组织五方责任主体验收合格", "All work is done as designed and contracted, and has passed the inspection of the five responsible parties"),
    ("竣工联合验收申请表", "Joint completion inspection application form"),
    ("工程竣工验收报告", "Completion inspection report"),
    ("竣工图及测绘成果", "As-built drawings and survey results"),
    ("竣工联合验收意见书（含规划、消防、人防等专项验收意见）", "Joint inspection opinion (with the planning, fire safety and civil air defence opinions)"),
    ("竣工日期", "Completion date"),
    // JT
    ("道路货物运输经营许可", "Road freight transport licence"),
    ("有与其经营业务相适应并经检测合格的车辆", "Vehicles suited to the business that have passed inspection"),
    ("有符合规定条件的驾驶人员", "Qualified drivers"),
    ("有健全的安全生产管理制度", "Sound work safety rules"),
    ("道路货物运输经营申请表", "Road freight transport application form"),
    ("负责人身份证明", "Proof of identity of the person in charge"),
    ("机动车辆行驶证、车辆技术等级评定结论", "Vehicle registration certificates and technical grade assessments"),
    ("驾驶人员的驾驶证、从业资格证", "Drivers' licences and professional qualification certificates"),
    ("安全生产管理制度文本", "Work safety rules"),
    ("道路运输经营许可证、道路运输证", "Road transport business licence and road transport certificates"),
    ("拟投入车辆数", "Number of vehicles"),
    ("车辆类型", "Vehicle types"),
    ("厢式货车", "Box van"),
    ("普通货车", "Ordinary lorry"),
    ("罐式车辆", "Tanker"),
    ("牵引车", "Tractor unit"),
    ("是否运输危险货物", "Will you carry dangerous goods?"),
    ("危险货物类别及项别", "Class and division of the dangerous goods"),
    ("出租汽车驾驶员从业资格证核发", "Taxi driver qualification certificate"),
    ("取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历", "A driving licence for the vehicle class and at least 3 years of driving"),
    ("无交通肇事犯罪、危险驾驶犯罪记录，无吸毒记录", "No record of traffic crimes, dangerous driving or drug use"),
    ("通过全国公共科目和区域科目考试", "Passed the national and regional examinations"),
    ("出租汽车驾驶员从业资格证申请表", "Taxi driver qualification application form"),
    ("机动车驾驶证", "Driving licence"),
    ("无犯罪记录证明", "Certificate of no criminal record"),
    ("出租汽车驾驶员从业资格证", "Taxi driver qualification certificate"),
    ("机动车驾驶证号", "Driving licence number"),
    ("初次领取驾驶证日期", "Date of your first driving licence"),
    ("申请类别", "Kind of taxi"),
    ("巡游出租汽车", "Street-hail taxi"),
    ("网络预约出租汽车", "App-booked car"),
    ("公路超限运输许可", "Permit for oversize or overweight road transport"),
    ("载运不可解体物品，确需超限运输", "Carries an indivisible load that truly needs oversize transport"),
    ("公路超限运输申请表", "Oversize transport application form"),
    ("车辆行驶证", "Vehicle registration certificate"),
    ("货物名称、重量、外廓尺寸说明", "Description of the load: name, weight and dimensions"),
    ("超限运输车辆通行证", "Oversize vehicle pass"),
    ("车辆号牌", "Number plate"),
    ("货物名称", "Load"),
    ("车货总质量（吨）", "Gross weight of vehicle and load (tonnes)"),
    ("计划通行日期", "Planned travel date"),
    ("机动车维修经营备案", "Filing of a vehicle repair business"),
    ("有与其经营业务相适应的维修车辆停车场和生产厂房", "Parking and workshop space suited to the business"),
    ("机动车维修经营备案表", "Vehicle repair business filing form"),
    ("维修设备设施清单", "List of repair equipment"),
    ("备案回执", "Filing receipt"),
    ("维修类别", "Repair class"),
    ("一类维修", "Class 1 repair"),
    ("二类维修", "Class 2 repair"),
    ("三类维修（专项）", "Class 3 repair (specialised)"),
    // GA
    ("居民身份证换领", "Renewal of a resident ID card"),
    ("居民身份证有效期满、登记内容变更或证件严重损坏不能辨认", "The ID card has expired, its details have changed, or it is too damaged to read"),
    ("原居民身份证", "Your current ID card"),
    ("户口簿", "Household register"),
    ("工本费每证20元", "20 yuan per card for production"),
    ("居民身份证", "Resident ID card"),
    ("换领原因", "Reason for renewal"),
    ("有效期满", "It has expired"),
    ("登记项目变更", "Registered details have changed"),
    ("证件损坏", "It is damaged"),
    ("领取方式", "How to receive it"),
    ("窗口领取", "Collect at the window"),
    ("邮寄到家", "Post it to my home"),
    ("邮寄地址", "Postal address"),
    ("户口迁移（投靠）", "Moving household registration (joining family)"),
    ("夫妻、父母子女之间投靠，且有合法稳定住所", "Joining a spouse, parent or child, with lawful and stable housing"),
    ("亲属关系证明（结婚证、出生医学证明等）", "Proof of family relation (marriage certificate, birth certificate, etc.)"),
    ("合法稳定住所证明", "Proof of lawful and stable housing"),
    ("准予迁入证明、户口簿", "Permission to move in, and the household register"),
    ("与投靠人关系", "Relation to the family member you join"),
    ("夫妻", "Spouse"),
    ("子女投靠父母", "A child joining parents"),
    ("父母投靠子女", "Parents joining a child"),
    ("被投靠人姓名", "Name of the family member you join"),
    ("被投靠人身份证号码", "ID card number of the family member you join"),
    ("无犯罪记录证明开具", "Certificate of no criminal record"),
    ("本县户籍人员或在本县居住的人员", "People registered or living in the county"),
    ("用途（如：就业、出国）", "What it is for (e.g. a job, going abroad)"),
    ("公章刻制备案", "Filing for making official seals"),
    ("依法设立的企业、事业单位、社会团体", "Lawfully established companies, public institutions and associations"),
    ("法定代表人身份证明", "Legal representative's proof of identity"),
    ("印章及备案信息", "The seals, with their filing record"),
    // MZ
    ("内地居民结婚登记", "Marriage registration (mainland residents)"),
    ("男女双方完全自愿，达到法定婚龄，双方均无配偶", "Both parties fully consent, are of legal age and are not married"),
    ("双方户口簿或居住证", "Both parties' household registers or residence permits"),
    ("双方居民身份证", "Both parties' ID cards"),
    ("双方近期半身免冠合影照片2张", "2 recent half-length photos of the couple together, without hats"),
    ("结婚证", "Marriage certificate"),
    ("另一方", "Other party"),
    ("预约登记日期", "Date booked for registration"),
    ("最低生活保障申请", "Application for minimum living allowance (dibao)"),
    ("共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合财产状况规定", "The household's income per person is below the local minimum, and its assets meet the rules"),
    ("最低生活保障申请书", "Minimum living allowance application"),
    ("家庭成员身份证明", "Household members' proof of identity"),
    ("家庭经济状况核对授权书", "Authorisation to check the household's finances"),
    ("最低生活保障审批决定及救助金发放", "Decision, and the allowance paid"),
    ("共同生活家庭成员人数", "Number of household members"),
    ("家庭月总收入（元）", "Household monthly income (yuan)"),
    ("家庭困难情况说明", "Describe the household's difficulties"),
    ("社会团体成立登记", "Registration of a social organisation"),
    ("有50个以上的个人会员或者30个以上的单位会员", "At least 50 individual or 30 organisational members"),
    ("有规范的名称和相应的组织机构", "A proper name and organisation"),
    ("社会团体成立登记申请书", "Social organisation registration application"),
    ("业务主管单位批准文件", "Approval of the supervising authority"),
    ("章程草案", "Draft articles"),
    ("社会团体法人登记证书", "Social organisation registration certificate"),
    ("拟成立社会团体名称", "Proposed name of the organisation"),
    ("会员数", "Number of members"),
    // WJ
    ("医疗机构执业登记（诊所备案除外）", "Registration of a medical institution (clinics file separately)"),
    ("符合医疗机构基本标准，有适合的名称、组织机构和场所", "Meets the basic standards, with a suitable name, organisation and premises"),
    ("医疗机构执业登记申请书", "Medical institution registration application"),
    ("医疗机构用房产权证明或使用证明", "Proof of ownership or use of the premises"),
    ("医务人员执业证书", "Medical staff's practising certificates"),
    ("医疗机构执业许可证", "Medical institution practising licence"),
    ("医疗机构名称", "Name of the institution"),
    ("床位数", "Number of beds"),
    ("公共场所卫生许可", "Hygiene permit for a public place"),
    ("经营场所符合卫生标准和要求", "The premises meet the hygiene standards"),
    ("公共场所卫生许可申请表", "Hygiene permit application form"),
    ("卫生检测报告", "Hygiene test report"),
    ("公共场所卫生许可证", "Public place hygiene permit"),
    ("场所类别", "Kind of place"),
    ("住宿场所", "Accommodation"),
    ("沐浴场所", "Bathhouse"),
    ("美容美发场所", "Beauty or hair salon"),
    ("游泳场所", "Swimming pool"),
    ("出生医学证明补发", "Replacement birth certificate"),
    ("出生医学证明遗失，且出生在本县助产机构", "The birth certificate is lost, and the child was born in a county maternity facility"),
    ("父母身份证明", "Parents' proof of identity"),
    ("遗失说明", "Statement of the loss"),
    ("出生医学证明（补发）", "Birth certificate (replacement)"),
    ("新生儿姓名", "Child's name"),
    ("出生日期", "Date of birth"),
    // ZR
    ("不动产首次登记（房屋）", "First registration of real estate (buildings)"),
    ("依法取得不动产权利", "The property right was lawfully acquired"),
    ("不动产登记申请书", "Real estate registration application"),
    ("建设工程符合规划及竣工验收证明", "Proof of planning compliance and completion inspection"),
    ("房屋测绘报告", "Building survey report"),
    ("住宅每件80元，非住宅每件550元（小微企业免收）", "80 yuan per home, 550 yuan per other property (free for small businesses)"),
    ("不动产权证书", "Real estate certificate"),
    ("不动产坐落", "Location of the property"),
    ("用途", "Use"),
    ("住宅", "Residential"),
    ("商业", "Commercial"),
    ("工业", "Industrial"),
    ("建设用地规划许可证核发", "Land use planning permit"),
    ("建设项目符合国土空间规划", "The project fits the territorial spatial plan"),
    ("建设用地规划许可申请表", "Land use planning permit application form"),
    ("土地出让合同或划拨决定书", "Land transfer contract or allocation decision"),
    ("建设用地规划许可证", "Land use planning permit"),
    ("用地面积（平方米）", "Land area (m²)"),
    ("乡村建设规划许可证核发", "Rural construction planning permit"),
    ("在乡、村庄规划区内进行农村村民住宅建设，符合村庄规划", "A villager's house in a township or village planning area, fitting the village plan"),
    ("农村宅基地和建房（规划许可）申请表", "Rural homestead and house building (planning) application form"),
    ("村民委员会意见", "Opinion of the villagers' committee"),
    ("乡村建设规划许可证", "Rural construction planning permit"),
    ("所在乡镇、行政村", "Township and village"),
    ("拟建建筑面积（平方米）", "Planned floor area (m²)"),
    ("拟建层数", "Planned number of storeys"),
    // RS
    ("失业保险金申领", "Claiming unemployment benefit"),
    ("失业前用人单位和本人已经缴纳失业保险费满一年", "You and your employer paid unemployment insurance for at least a year before"),
    ("非因本人意愿中断就业，已经进行失业登记并有求职要求", "You lost your job involuntarily, are registered as unemployed and are looking for work"),
    ("解除或终止劳动关系证明", "Proof that the employment ended"),
    ("失业保险金核定及按月发放", "Benefit assessed and paid monthly"),
    ("原工作单位", "Last employer"),
    ("劳动关系解除或终止日期", "Date the employment ended"),
    ("本人社会保障卡金融账号或银行卡号", "Your social security card account or bank card number"),
    ("就业创业证申领", "Employment and entrepreneurship certificate"),
    ("法定劳动年龄内、有劳动能力和就业要求的人员", "People of working age, able and wanting to work"),
    ("就业创业证（电子证）", "Employment and entrepreneurship certificate (electronic)"),
    ("就业状态", "Employment status"),
    ("失业", "Unemployed"),
    ("就业", "Employed"),
    ("自主创业", "Self-employed"),
    ("社会保障卡申领", "Social security card"),
    ("参加社会保险的人员", "People covered by social insurance"),
    ("近期免冠证件照", "A recent ID photo without a hat"),
    ("社会保障卡", "Social security card"),
    // JY
    ("教师资格认定（幼儿园、小学、初级中学）", "Teacher qualification (kindergarten, primary, junior secondary)"),
    ("具备规定学历，通过国家教师资格考试，普通话水平达到二级乙等以上", "The required degree, the national teacher examination, and Putonghua level 2B or better"),
    ("学历证书", "Degree certificate"),
    ("体检合格证明", "Medical examination certificate"),
    ("普通话水平测试等级证书", "Putonghua proficiency certificate"),
    ("教师资格证书", "Teacher qualification certificate"),
    ("申请资格种类", "Qualification level"),
    ("幼儿园", "Kindergarten"),
    ("小学", "Primary school"),
    ("初级中学", "Junior secondary school"),
    ("任教学科", "Subject"),
    ("民办学校办学许可（实施学前教育）", "Private school licence (preschool)"),
    ("有必备的办学条件和师资，符合当地幼儿园设置标准", "The facilities and teachers required, meeting local kindergarten standards"),
    ("办学许可申请书", "School licence application"),
    ("举办者资格证明", "Proof of the founder's eligibility"),
    ("校舍使用证明", "Proof of use of the school buildings"),
    ("民办学校办学许可证", "Private school licence"),
    ("拟办学校名称", "Proposed school name"),
    ("拟招生规模（人）", "Planned enrolment (pupils)"),
    // CG
    ("城市建筑垃圾处置核准", "Approval for disposing of construction waste"),
    ("有建筑垃圾分类处置方案和消纳场所", "A sorting and disposal plan and a disposal site"),
    ("建筑垃圾处置核准申请表", "Construction waste disposal application form"),
    ("与运输单位签订的合同", "Contract with the haulier"),
    ("城市建筑垃圾处置核准证", "Construction waste disposal approval"),
    ("预计处置量（立方米）", "Expected volume (m³)"),
    ("处置开始日期", "Disposal start date"),
    ("户外广告设施设置审批", "Approval for an outdoor advertising sign"),
    ("符合户外广告设施设置规划和技术规范", "Fits the outdoor advertising plan and technical rules"),
    ("户外广告设置申请表", "Outdoor advertising application form"),
    ("设置效果图及安全说明", "Rendering of the sign and safety statement"),
    ("户外广告设施设置审批决定", "Decision on the outdoor advertising sign"),
    ("设置地点", "Location"),
    ("广告面积（平方米）", "Sign area (m²)"),
    // XF
    ("公众聚集场所投入使用、营业前消防安全检查", "Fire safety inspection before a public venue opens"),
    ("场所符合消防技术标准和管理规定", "The venue meets the fire safety standards and rules"),
    ("公众聚集场所投入使用、营业前消防安全检查申报表", "Public venue fire safety inspection form"),
    ("消防安全制度、灭火和应急疏散预案", "Fire safety rules, firefighting and evacuation plans"),
    ("公众聚集场所投入使用、营业消防安全检查意见书", "Fire safety inspection opinion for the venue"),
    ("场所名称", "Venue name"),
    ("使用面积（平方米）", "Usable floor area (m²)"),
    ("是否采用告知承诺方式", "Use the notice-and-commitment procedure?"),
    ("是（当场发证，事后核查）", "Yes (permit issued on the spot, checked afterwards)"),
    ("否（先检查后发证）", "No (inspection first, then the permit)"),
    // ST, SW
    ("建设项目环境影响报告表审批", "Approval of a project's environmental impact form"),
    ("项目符合生态环境分区管控要求", "The project meets the environmental zoning rules"),
    ("建设项目环境影响报告表", "Environmental impact form of the project"),
    ("审批申请函", "Letter requesting approval"),
    ("环境影响报告表批复", "Approval of the environmental impact form"),
    ("个人所得税纳税记录开具", "Individual income tax record"),
    ("在本县有纳税记录的个人", "Individuals with a tax record in the county"),
    ("个人所得税纳税记录", "Individual income tax record"),
    ("起始年度", "From year"),
    ("截止年度", "To year"),
    // The disclosure request (依申请公开).
    ("政府信息公开申请（依申请公开）", "Request for government information"),
    ("公民、法人或者其他组织均可向行政机关申请获取相关政府信息", "Any citizen, legal person or other organisation may request government information from an authority"),
    ("已主动公开的信息可在政府信息公开目录中直接查阅，无需申请", "Information already published can be read in the catalog without a request"),
    ("政府信息公开申请答复书（及所公开的政府信息）", "A written reply (with the information disclosed)"),
    ("受理机关", "Authority"),
    ("向哪个行政机关申请", "Which authority are you asking?"),
    ("申请人信息（公民）", "Applicant (citizen)"),
    ("姓名", "Name"),
    ("证件类型", "Type of identity document"),
    ("居民身份证（含居住证、永久居留身份证）", "Resident ID card (or residence permit, permanent residence card)"),
    ("其他有效身份证件", "Another valid identity document"),
    ("证件号码", "Document number"),
    ("证件名称及号码", "Document name and number"),
    ("申请人信息（法人或其他组织）", "Applicant (legal person or other organisation)"),
    ("组织类型", "Kind of organisation"),
    ("商业企业", "Business"),
    ("科研机构", "Research institution"),
    ("社会公益组织", "Non-profit organisation"),
    ("法律服务机构", "Legal services"),
    ("其他组织", "Other organisation"),
    ("法定代表人或者主要负责人", "Legal representative or person in charge"),
    ("联系人姓名", "Contact person"),
    ("公民", "A citizen"),
    ("法人或者其他组织", "A legal person or other organisation"),
    ("联系方式", "Contact details"),
    ("电子邮箱", "E-mail"),
    ("选择“电子邮件”获取方式的，请填写", "Needed if you choose to receive the information by e-mail"),
    ("通信地址", "Postal address"),
    ("所需信息", "Information wanted"),
    ("所需政府信息的名称、文号或者便于查询的其他特征性描述", "Title, document number or another description that identifies the information"),
    ("一份申请只填写一项政府信息；请尽量写明文件名称、文号、发布时间等", "One item of information per request; give the title, number and date if you can"),
    ("获取信息的方式", "How to receive the information"),
    ("自行领取", "Collect it myself"),
    ("邮寄", "By post"),
    ("电子邮件", "By e-mail"),
    ("在线获取（在本平台办件查询中查看）", "Online (read it in case tracking on this site)"),
    ("提供政府信息的形式", "Form of the information"),
    ("纸质", "Paper"),
    ("电子", "Electronic"),
];

/// The English of a Chinese phrase of the demo.
pub(crate) fn english(zh: &str) -> Option<&'static str> {
    EN.iter().find(|(z, _)| *z == zh).map(|(_, en)| *en)
}

/// A label with its English added (a key, or a text already translated, stays as it is).
fn translate_label(label: &mut Label) {
    if let Label::Text { zh, en: en @ None } = label {
        *en = english(zh).map(str::to_owned);
    }
}

fn all(texts: &[String]) -> Vec<String> {
    texts
        .iter()
        .map(|t| english(t).unwrap_or_default().to_owned())
        .collect()
}

/// Adds the English texts to a demo item and its form.
pub(crate) fn translate(item: &mut ServiceItem, form: &mut FormDefinition) {
    let place = match item.place.strip_prefix(PLACE_PREFIX) {
        Some(windows) => english(windows).map(|w| format!("{PLACE_PREFIX_EN}{w}")),
        None => english(&item.place).map(str::to_owned),
    };
    item.en = Some(ItemEnglish {
        name: english(&item.name).unwrap_or_default().into(),
        department: english(&item.department.name).unwrap_or_default().into(),
        steps: all(&item.steps),
        conditions: all(&item.conditions),
        materials: item
            .materials
            .iter()
            .map(|m| english(&m.name).unwrap_or_default().to_owned())
            .collect(),
        material_notes: item
            .materials
            .iter()
            .map(|m| {
                m.note
                    .as_deref()
                    .and_then(english)
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect(),
        fee: match &item.fee {
            Fee::Charged { standard, .. } => english(standard).unwrap_or_default().into(),
            Fee::Free => String::new(),
        },
        result: english(&item.result).unwrap_or_default().into(),
        place: place.unwrap_or_default(),
        hours: english(&item.hours).unwrap_or_default().into(),
    });
    if let Some(declaration) = &mut form.declaration {
        translate_label(declaration);
    }
    for section in &mut form.sections {
        translate_label(&mut section.title);
        for field in &mut section.fields {
            translate_label(&mut field.label);
            if let Some(help) = &mut field.help {
                translate_label(help);
            }
            if let FieldKind::Choice { options, .. } = &mut field.kind {
                for option in options {
                    translate_label(&mut option.label);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo_services::catalogue;

    /// Every text a person reads on a demo form, and every item text but the laws cited, has
    /// its English.
    #[test]
    fn every_demo_text_is_translated() {
        let mut missing = Vec::new();
        let mut need = |zh: &str, en: Option<&str>| {
            if en.is_none_or(|e| e.trim().is_empty()) {
                missing.push(zh.to_owned());
            }
        };
        for (item, form) in catalogue() {
            let en = item.en.clone().unwrap_or_default();
            need(&item.name, Some(&en.name));
            need(&item.department.name, Some(&en.department));
            need(&item.result, Some(&en.result));
            need(&item.place, Some(&en.place));
            need(&item.hours, Some(&en.hours));
            if let Fee::Charged { standard, .. } = &item.fee {
                need(standard, Some(&en.fee));
            }
            for (list, english) in [(&item.steps, &en.steps), (&item.conditions, &en.conditions)] {
                for (i, zh) in list.iter().enumerate() {
                    need(zh, english.get(i).map(String::as_str));
                }
            }
            for (i, m) in item.materials.iter().enumerate() {
                need(&m.name, en.materials.get(i).map(String::as_str));
                if let Some(note) = &m.note {
                    need(note, en.material_notes.get(i).map(String::as_str));
                }
            }
            let mut labels: Vec<&Label> = form.declaration.iter().collect();
            for section in &form.sections {
                labels.push(&section.title);
                for field in &section.fields {
                    labels.push(&field.label);
                    labels.extend(field.help.as_ref());
                    if let FieldKind::Choice { options, .. } = &field.kind {
                        labels.extend(options.iter().map(|o| &o.label));
                    }
                }
            }
            for label in labels {
                if let Label::Text { zh, en } = label {
                    need(zh, en.as_deref());
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "not translated: {missing:#?}");
        // No phrase twice (a second entry would never be read).
        for (i, (zh, _)) in EN.iter().enumerate() {
            assert!(!EN[..i].iter().any(|(z, _)| z == zh), "{zh} twice");
        }
    }
}

// Error messages by stable code, in Chinese (default) and English. Every AppError code must be here
// (a unit test checks both languages). Use {name} placeholders for params.

/** Supported UI/API languages. */
export type Lang = 'zh-CN' | 'en';

/** code → [zh-CN, en] */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: ['请求参数有误', 'The request is invalid'],
  UNKNOWN_FIELD: ['不允许的字段：{field}', 'Unknown field: {field}'],
  MALFORMED_JSON: ['请求内容不是合法的 JSON', 'The request body is not valid JSON'],
  BODY_TOO_LARGE: ['请求内容过大', 'The request body is too large'],
  UNSUPPORTED_MEDIA_TYPE: ['不支持的内容类型', 'Unsupported content type'],
  NOT_FOUND: ['未找到', 'Not found'],
  METHOD_NOT_ALLOWED: ['不支持该请求方法', 'Method not allowed'],
  UNAUTHENTICATED: ['请先登录', 'Please log in'],
  FORBIDDEN: ['无权限执行此操作', 'You are not allowed to do this'],
  CSRF_FAILED: ['请求校验失败，请刷新页面后重试', 'Request verification failed; reload the page and try again'],
  INVALID_CREDENTIALS: ['用户名或密码错误', 'Wrong username or password'],
  ACCOUNT_LOCKED: [
    '连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
    'Too many failed logins; the account is locked for {minutes} minutes',
  ],
  ACCOUNT_DISABLED: ['账号已停用', 'The account is disabled'],
  RATE_LIMITED: ['请求过于频繁，请稍后再试', 'Too many requests; try again later'],
  TOTP_REQUIRED: ['请输入动态验证码', 'Enter your one-time code'],
  TOTP_INVALID: ['动态验证码错误或已使用', 'The one-time code is wrong or already used'],
  TOTP_NOT_SET_UP: ['请先生成动态验证码密钥', 'Start the authenticator setup first'],
  TOTP_ENROLMENT_REQUIRED: ['请先绑定动态验证码（双因素认证）', 'Enrol a second factor (TOTP) first'],
  PASSWORD_CHANGE_REQUIRED: ['请先修改密码', 'Change your password first'],
  PASSWORD_WRONG: ['当前密码错误', 'The current password is wrong'],
  PASSWORD_POLICY: ['新密码不符合要求', 'The new password does not meet the policy'],
  PASSWORD_TOO_SHORT: ['密码至少 {min} 位', 'At least {min} characters'],
  PASSWORD_CLASSES: [
    '密码须包含大写字母、小写字母、数字、符号中的至少 3 类',
    'Use at least 3 of: upper case, lower case, digits, symbols',
  ],
  PASSWORD_COMMON: ['密码过于常见', 'This password is too common'],
  PASSWORD_CONTAINS_USERNAME: ['密码不能包含用户名', 'The password must not contain the username'],
  PASSWORD_REUSED: ['新密码不能与当前密码相同', 'The new password must differ from the current one'],
  ROLE_CONFLICT: [
    '系统管理员、安全管理员、审计管理员三员分立，不能由同一账号兼任',
    'System, security and audit administrator roles cannot be held by one account',
  ],
  CONFLICT: ['数据冲突：{what}', 'Conflict: {what}'],
  USERNAME_TAKEN: ['用户名已存在', 'The username is taken'],
  ORG_OUT_OF_SCOPE: ['组织不在您的管理范围内', 'The organization is outside your scope'],
  EXPORT_TOO_LARGE: ['导出行数超过上限 {max}，请缩小范围', 'More than {max} rows; narrow the filter'],
  SIGNATURE_INVALID: ['请求签名无效', 'The request signature is invalid'],
  SIGNATURE_EXPIRED: ['请求时间戳超出允许范围', 'The request timestamp is outside the allowed window'],
  REPLAYED: ['重复的请求（nonce 已使用）', 'Replayed request (nonce already used)'],
  // Member registry (modules/members). Field codes are shown next to the field.
  ID_NUMBER_INVALID: ['身份证号无效', 'The ID number is invalid'],
  ID_NUMBER_FORMAT: ['身份证号格式不正确（应为 18 位，末位可为 X；或 15 位旧号码）', 'Wrong ID number format (18 characters, the last may be X; or a 15-digit legacy number)'],
  ID_NUMBER_BIRTH_DATE: ['身份证号中的出生日期不存在或晚于今天', 'The birth date in the ID number does not exist or is in the future'],
  ID_NUMBER_CHECK_DIGIT: ['身份证号校验位错误，请核对号码', 'The check character of the ID number is wrong; check the number'],
  MEMBER_ID_DUPLICATE: ['该身份证号已登记为党员，不能重复登记', 'A member with this ID number is already registered'],
  MEMBER_CARD_DUPLICATE: ['党员证号已被其他党员使用', 'This card number is used by another member'],
  MEMBER_CHIP_DUPLICATE: ['芯片号已被其他党员使用', 'This chip UID is used by another member'],
  CHIP_UID_INVALID: ['芯片号只能包含字母和数字（可用冒号、短横线或空格分隔）', 'A chip UID has letters and digits only (colons, dashes or spaces may separate them)'],
  PHONE_INVALID: ['手机号格式不正确（应为 11 位手机号）', 'Wrong phone number (11-digit mobile number expected)'],
  DATE_INVALID: ['日期格式不正确（应为 YYYY-MM-DD）', 'Wrong date (YYYY-MM-DD expected)'],
  DATE_IN_FUTURE: ['日期不能晚于今天', 'The date cannot be in the future'],
  JOINED_UNDER_18: ['入党时未满 18 周岁，请核对入党日期', 'The member was under 18 on the join date; check the date'],
  CONFIRMED_BEFORE_JOINED: ['转正日期不能早于入党日期', 'The confirmation date cannot precede the join date'],
  PROBATIONARY_CONFIRMED: ['预备党员不能有转正日期', 'A probationary member has no confirmation date'],
  CONFIRMED_ON_REQUIRED: ['转为正式党员须填写转正日期', 'Becoming a full member needs the confirmation date'],
  STATUS_TRANSITION_INVALID: ['正式党员不能改为预备党员', 'A full member cannot become probationary'],
  MEMBER_ACCOUNT_EXISTS: ['该党员已开通登录账号', 'This member can already log in'],
  MEMBER_NOT_ACTIVE: ['该党员的党籍状态不允许开通登录', 'The member’s standing does not allow a login'],
  CORRECTION_PENDING: ['该项已有待处理的更正申请', 'A correction of this field is already pending'],
  CORRECTION_DECIDED: ['该更正申请已处理', 'This correction request has already been decided'],
  // Organizations (modules/orgs): structure changes, committees, to-dos.
  ORG_LEVEL_NESTING: ['该层级的组织不能设在所选上级组织之下', 'An organization of this level cannot sit under the chosen parent'],
  ORG_MOVE_CYCLE: ['不能把组织移到它自己或它的下级组织之下', 'An organization cannot move under itself or one of its descendants'],
  ORG_IS_ROOT: ['县委（根组织）不能移动、合并或撤销', 'The county committee (the root) cannot be moved, merged or dissolved'],
  ORG_DISSOLVED: ['该组织已撤销', 'The organization has been dissolved'],
  ORG_MERGE_SELF: ['不能合并到组织自身', 'An organization cannot merge into itself'],
  ORG_MERGE_INTO_DESCENDANT: ['不能合并到自己的下级组织', 'An organization cannot merge into one of its descendants'],
  ORG_HAS_MEMBERS: ['该组织还有 {count} 名党员，请先转出或合并到其他组织后再撤销', 'The organization still has {count} members; transfer them or merge it instead'],
  ORG_HAS_CHILDREN: ['该组织还有 {count} 个下级组织，请先移走或撤销下级组织', 'The organization still has {count} sub-organizations; move or dissolve them first'],
  ORG_HAS_APPLICANTS: ['该组织还有 {count} 人在发展程序中，请先转入其他组织或终止', 'The organization still has {count} people in the development pipeline'],
  ORG_COORDINATES_PAIR: ['经度和纬度须同时填写', 'Give both longitude and latitude'],
  COMMITTEE_NOT_ORG_MEMBER: ['该党员不是本组织的党员（或党籍状态不正常）', 'The person is not an active member of this organization'],
  COMMITTEE_SECRETARY_EXISTS: ['本组织已有书记（{name}），请先免去其职务', 'The organization already has a secretary ({name}); end that term first'],
  COMMITTEE_MEMBER_HOLDS_POSITION: ['该党员已在本组织担任其他职务，请先免去原职务', 'The member already holds another position here; end it first'],
  TODO_DECIDED: ['该待办已处理（{decision}）', 'The to-do has already been decided ({decision})'],
  TODO_STALE: ['情况已变化：该党员已不是"失联且党籍正常"，请选择忽略', 'The situation has changed: the member is no longer lost with normal standing; dismiss it'],
  // 发展党员 (modules/pipeline).
  PIPELINE_UNDERAGE: ['申请入党须年满 {min} 周岁（申请时 {age} 周岁）', 'Applicants must be at least {min} years old (was {age} on the application day)'],
  PIPELINE_DUPLICATE: ['该身份证号已有发展记录', 'This ID number is already in the development pipeline'],
  PIPELINE_ALREADY_MEMBER: ['该身份证号已登记为党员', 'A Party member with this ID number is already registered'],
  PIPELINE_STAGE_ORDER: ['当前发展阶段不能进行此操作（须按 申请人→积极分子→发展对象→预备党员→正式党员 逐步进行）', 'Not possible at the current stage (applicant → activist → candidate → probationary → full, one step at a time)'],
  PIPELINE_DATE_ORDER: ['日期先后顺序不正确', 'The dates are out of order'],
  PIPELINE_TALK_MISSING: ['请先填写入党谈话日期', 'Record the talk with the applicant first'],
  PIPELINE_TOO_EARLY: ['入党积极分子须培养教育满 1 年，最早 {earliest} 可确定为发展对象', 'Activists need at least one year; the earliest date is {earliest}'],
  PIPELINE_TRAINING_MISSING: ['请填写培训结业日期', 'Record the training completion date'],
  PIPELINE_REVIEW_MISSING: ['请填写政治审查日期', 'Record the political review date'],
  PIPELINE_REVIEW_EXPIRED: ['政治审查（{reviewedOn}）已超过 1 年有效期（至 {validUntil}），须重新政审', 'The political review of {reviewedOn} expired on {validUntil}; review again'],
  PIPELINE_PUBLICITY_MISSING: ['请填写公示起止日期', 'Record the publicity period'],
  PIPELINE_PUBLICITY_SHORT: ['公示期不少于 {min} 个工作日（现为 {days} 个）', 'Publicity must last at least {min} working days (was {days})'],
  PIPELINE_APPROVAL_MISSING: ['请填写党委审批日期', 'Record the approval date of the Party committee'],
  PIPELINE_APPROVAL_EXPIRED: ['支部大会（{admittedOn}）后超过 6 个月（{deadline}）才审批，须重新履行发展程序', 'Approval more than 6 months after the branch meeting of {admittedOn} (deadline {deadline}); the procedure must restart'],
  PIPELINE_PROBATION_NOT_OVER: ['预备期未满，最早 {earliest} 可转正', 'The probation is not over; the earliest date is {earliest}'],
  PIPELINE_EXTENDED_ALREADY: ['预备期只能延长一次', 'The probation can be extended only once'],
  PIPELINE_EXTENSION_INVALID: ['延长后的预备期须晚于 {min} 且不晚于 {max}（最多延长 1 年）', 'The extended probation must end after {min} and no later than {max} (at most one year)'],
  PIPELINE_CLOSED: ['该发展记录已终止', 'This development record is closed'],
  PIPELINE_NOT_CLOSABLE: ['预备党员、正式党员不能在此终止，请在党员管理中处理', 'Probationary and full members cannot be closed here; use the member registry'],
  // Plans of organizational life (modules/plans).
  PLAN_LEVEL_UNSUPPORTED: ['该组织不制定组织生活计划（请选择党总支、党支部、下设支部或党小组）', 'This organization keeps no plan (choose a general branch, branch, sub-branch or party group)'],
  PLAN_THEME_DAY_BRANCH_ONLY: ['只有党支部（党总支、下设支部）设置主题党日固定日', 'Only branches (general branches, sub-branches) fix a theme party day'],
  PLAN_ITEM_OUTSIDE_YEAR: ['日期须在计划年度（{year} 年）内', 'The date must fall in the plan year ({year})'],
  PLAN_ITEMS_LIMIT: ['一个年度计划最多 {max} 项', 'A yearly plan holds at most {max} items'],
  PLAN_ITEM_HAS_ACTIVITY: ['已从该计划事项创建活动，不能删除或更改类型（可先取消活动）', 'An activity was created from this item: it cannot be deleted or change type (cancel the activity first)'],
  PLAN_ACTIVITY_EXISTS: ['已从该计划事项创建活动', 'An activity was already created from this item'],
  // Dues (modules/dues): the quote's fields and the county settings.
  DUES_CATEGORY_UNKNOWN: ['党费类别（category）不正确，可选：{allowed}', 'Unknown dues category (category); one of: {allowed}'],
  DUES_BASE_REQUIRED: ['请填写党费基数（baseFen，单位：分）', 'Enter the dues base (baseFen, in fen)'],
  DUES_BASE_NEGATIVE: ['党费基数（baseFen）不能为负数', 'The dues base (baseFen) cannot be negative'],
  DUES_BASE_NOT_INTEGER: ['党费基数（baseFen）须为整数，单位为分', 'The dues base (baseFen) must be a whole number of fen'],
  DUES_BASE_TOO_LARGE: ['党费基数（baseFen）过大，最多 {max} 分', 'The dues base (baseFen) is too large; at most {max} fen'],
  DUES_SETTINGS_COUNTY_ONLY: ['只有县级管理员可以修改全县的党费设置', 'Only county administrators change the county’s dues settings'],
  // Dues profiles and bills (modules/dues): a new base, the proxy payer.
  DUES_BASE_TOO_SMALL: ['党费基数（baseFen）至少为 100 分（1 元）', 'The dues base (baseFen) must be at least 100 fen (1 yuan)'],
  DUES_MONTH_TOO_LATE: ['生效月份（effectiveMonth）不能晚于 {max}', 'The effective month (effectiveMonth) cannot be later than {max}'],
  DUES_PROXY_SELF: ['代缴人不能是党员本人', 'A member cannot be their own proxy payer'],
  DUES_PROXY_INACTIVE: ['代缴人须为党籍正常、按月交纳党费的党员', 'The proxy payer must be a member in good standing who pays dues'],
  DUES_PROXY_CONSENT_REQUIRED: ['设置代缴人须记录支部同意的情况（proxyConsent）', 'Record the branch’s consent (proxyConsent) to name a proxy payer'],
  DUES_PAYMENT_EMPTY: ['请选择要缴纳的月份或填写自愿多交的金额', 'Pick the months to pay or enter a voluntary amount'],
  DUES_BACKPAY_TOO_OLD: ['补交党费最多补交 6 个月，{month} 已超出（最早可补交 {earliest}）', 'Back payment reaches at most 6 months back: {month} is older (earliest {earliest})'],
  DUES_MONTH_REPEATED: ['月份 {month} 重复', 'The month {month} is listed twice'],
  DUES_MONTH_NOT_STARTED: ['{month} 尚未开始，不能预先缴纳', '{month} has not started; it cannot be paid ahead'],
  DUES_BILL_MISSING: ['{month} 没有该党员的党费账单', 'The member has no bill for {month}'],
  DUES_BILL_ALREADY_PAID: ['{month} 的党费已缴清，不能重复缴纳', 'The dues of {month} are already paid; they cannot be paid twice'],
  DUES_BILL_WAIVED: ['{month} 的党费已减免，无需缴纳', 'The dues of {month} are waived'],
  DUES_BILL_NOT_QUOTED: ['{month} 的账单尚无金额（请先补全党费类别或基数）', 'The bill of {month} has no amount yet (complete the category or base first)'],
  DUES_PAYMENT_OVER_AMOUNT: ['{month} 缴纳金额超出未缴金额 {remainingFen} 分', 'The amount for {month} exceeds what is still due ({remainingFen} fen)'],
  DUES_PAYMENT_NOT_POSITIVE: ['缴纳金额须为正整数（单位：分）', 'The amount must be a positive whole number of fen'],
  DUES_PAYMENT_REVERSED: ['该缴费记录已冲正', 'This payment has already been reversed'],
  DUES_PAYMENT_IS_REVERSAL: ['冲正记录不能再次冲正', 'A reversing entry cannot be reversed'],
  DUES_BANK_FILE_EMPTY: ['请上传银行扣款结果文件（multipart 字段 file）', 'Upload the bank result file (multipart field "file")'],
  DUES_BANK_FILE_UNREADABLE: ['无法读取银行文件：{reason}', 'The bank file cannot be read: {reason}'],
  DUES_BANK_FILE_HEADER: ['银行文件缺少列：{missing}', 'The bank file lacks the columns: {missing}'],
  DUES_BANK_FILE_TOO_LONG: ['银行文件最多 {max} 行', 'A bank file has at most {max} lines'],
  PLAN_SETTINGS_COUNTY_ONLY: ['只有县级管理员可以修改全县的计划默认设置', 'Only county administrators change the county’s plan settings'],
  // Excel import (modules/imports): whole-file problems, then row problems shown with row and column.
  IMPORT_NOT_XLSX: ['文件不是有效的 Excel 工作簿（.xlsx），请使用导入模板', 'The file is not an Excel workbook (.xlsx); use the import template'],
  IMPORT_LEGACY_XLS: ['不支持旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入', 'Old .xls files are not supported; save the file as .xlsx and import again'],
  IMPORT_UNPACKED_TOO_LARGE: ['文件解压后超过 {max} MB，请拆分后再导入', 'The workbook unpacks to more than {max} MB; split it and import again'],
  IMPORT_BAD_HEADERS: [
    '表头与导入模板不符。缺少的列：{missing}；无法识别的列：{unknown}。模板的列：{expected}',
    'The headers do not match the import template. Missing: {missing}; not recognized: {unknown}. Template columns: {expected}',
  ],
  IMPORT_HEADER_MISSING: ['缺少必填列“{header}”', 'Missing required column "{header}"'],
  IMPORT_HEADER_UNKNOWN: ['无法识别的列“{header}”', 'Unrecognized column "{header}"'],
  IMPORT_HEADER_DUPLICATE: ['重复的列“{header}”', 'Duplicate column "{header}"'],
  IMPORT_EMPTY: ['文件中没有数据行', 'The file has no data rows'],
  IMPORT_TOO_MANY_ROWS: ['数据超过 {max} 行，请拆分后再导入', 'More than {max} data rows; split the file'],
  IMPORT_NOT_FINISHED: ['导入尚未完成', 'The import has not finished yet'],
  IMPORT_NO_ERRORS: ['本次导入没有错误行', 'This import has no rows with errors'],
  IMPORT_BUSY: ['导入任务较多，请稍后再试', 'Too many imports are running; try again shortly'],
  IMPORT_ROWS_EXPIRED: ['错误报告已过期，请重新导入以生成新的报告', 'The error workbook has expired; import the file again to get a new one'],
  IMPORT_FAILED: ['导入失败（系统错误），未写入任何数据，请稍后重试', 'The import failed (system error); nothing was written. Try again later'],
  IMPORT_CONFLICT: [
    '导入期间党员库已有变化（身份证号或党员卡号重复），未写入任何数据，请重新导入',
    'The registry changed during the import (duplicate ID or card number); nothing was written. Import again',
  ],
  IMPORT_INVALID_VALUE: ['“{value}”不是可选值，可选：{allowed}', '"{value}" is not an allowed value; one of: {allowed}'],
  IMPORT_DATE_INVALID: ['日期不正确（如 2023-05-01、2023/5/1 或 Excel 日期格式）', 'Not a valid date (e.g. 2023-05-01, 2023/5/1 or an Excel date)'],
  IMPORT_ID_NUMERIC: [
    '身份证号被存成了数字，末几位已丢失；请将该列设为文本格式后重新填写',
    'The ID number was stored as a number and lost its last digits; format the column as text and enter it again',
  ],
  IMPORT_GENDER_MISMATCH: ['性别与身份证号不符（按身份证号应为{expected}）', 'The gender does not match the ID number ({expected})'],
  IMPORT_ORG_NOT_FOUND: ['组织“{value}”不存在', 'No organization "{value}"'],
  IMPORT_ORG_AMBIGUOUS: ['有 {count} 个组织名为“{value}”，请改填组织编号', '{count} organizations are named "{value}"; use the organization id'],
  IMPORT_DUPLICATE_IN_FILE: ['与第 {rows} 行的{column}重复', 'Same {column} as row {rows}'],
  IMPORT_TEXT_TOO_LONG: ['内容过长（最多 {max} 字）', 'Too long (at most {max} characters)'],
  IMPORT_CONTACT_PHONE: ['电话格式不正确（手机号或座机，如 0572-6012345）', 'Not a phone number (mobile or landline, e.g. 0572-6012345)'],
  IMPORT_LEVEL_NESTING: ['“{level}”不能设在“{parentLevel}”之下', 'A "{level}" cannot sit under a "{parentLevel}"'],
  IMPORT_NAME_TAKEN: ['上级组织下已有名为“{value}”的组织', 'The parent already has an organization named "{value}"'],
  IMPORT_PARENT_CYCLE: ['上级组织形成循环引用', 'The parent references form a cycle'],
  IMPORT_PARENT_INVALID: ['上级组织（第 {row} 行）有错误，本行无法导入', 'The parent (row {row}) has errors, so this row cannot be imported'],
  IMPORT_PARENT_AMBIGUOUS: ['本表中有多行名为“{value}”，无法确定上级组织', 'Several rows of this file are named "{value}"; the parent is ambiguous'],
  // Activity records and media (modules/activity-records).
  RECORD_SUBMITTED: ['会议记录已提交并锁定，不能再修改；如需更正，请“追加修改”并说明原因', 'The record has been submitted and is locked; to correct it, add an amendment with a reason'],
  RECORD_NOT_SUBMITTED: ['会议记录尚未提交，请直接修改草稿', 'The record has not been submitted yet; edit the draft instead'],
  RECORD_STALE: ['会议记录已被他人修改（当前版本 {version}），请刷新后再保存', 'Someone else changed the record (now version {version}); reload before saving'],
  RECORD_ACTIVITY_CANCELLED: ['活动已取消，不能填写会议记录', 'The activity was cancelled; it has no record'],
  RECORD_NOT_HELD: ['活动尚未开始（{startsAt}），开始后才能提交会议记录', 'The activity has not started yet ({startsAt}); submit the record after it starts'],
  RECORD_MINUTES_EMPTY: ['请先填写会议纪要再提交', 'Write the minutes before submitting'],
  RECORD_AMENDMENT_EMPTY: ['追加修改没有改动任何内容', 'The amendment changes nothing'],
  RECORD_CHECKLIST_NOT_APPLICABLE: ['该类型的活动没有主题党日清单', 'This type of activity has no theme-day checklist'],
  RECORD_CHECKLIST_UNKNOWN_ITEM: ['“{label}”不是本组织主题党日的规定动作', '"{label}" is not a fixed item of this organization’s theme day'],
  MEDIA_FILE_MISSING: ['请选择要上传的文件（multipart/form-data 的 file 字段）', 'Choose a file to upload (the file field of a multipart/form-data request)'],
  MEDIA_EMPTY: ['文件为空', 'The file is empty'],
  MEDIA_UPLOAD_INVALID: ['上传内容不完整或格式有误，请重新上传', 'The upload was incomplete or malformed; upload the file again'],
  MEDIA_TOO_LARGE: ['文件超过 {max} MB 上限', 'The file is larger than the {max} MB limit'],
  MEDIA_TYPE_REFUSED: ['不支持的文件类型（按文件内容识别）：照片限 JPEG/PNG/WebP，视频限 MP4/WebM，附件限 PDF/Word(.docx)/Excel(.xlsx)', 'Unsupported file type (judged by its content): photos JPEG/PNG/WebP, videos MP4/WebM, attachments PDF/Word (.docx)/Excel (.xlsx)'],
  MEDIA_IMAGE_INVALID: ['图片已损坏或无法读取', 'The image is damaged or cannot be read'],
  MEDIA_RANGE_NOT_SATISFIABLE: ['请求的字节范围超出文件大小（{size} 字节）', 'The requested byte range lies beyond the file ({size} bytes)'],
  INTERNAL: ['服务器内部错误，请稍后再试', 'Internal error; try again later'],
  // Activities and check-in (issue 4).
  ACTIVITY_LOCKED: ['活动记录已提交，活动信息已锁定，如需更正请追加修改记录', 'The record was submitted: the activity is locked; add an amendment instead'],
  ACTIVITY_CANCELLED: ['活动已取消', 'The activity was cancelled'],
  ACTIVITY_TIME_ORDER: ['结束时间必须晚于开始时间', 'The end must be after the start'],
  ACTIVITY_WINDOW_ORDER: ['签到截止时间必须晚于签到开始时间', 'Check-in must close after it opens'],
  ACTIVITY_TOO_LONG: ['活动时长不能超过 7 天', 'An activity cannot last more than 7 days'],
  ACTIVITY_STATION_INVALID: ['活动地点须为本县的红色驿站', 'The place must be a red station (红色驿站) of the county'],
  ACTIVITY_INVITE_INVALID: ['受邀的党员或组织不存在', 'An invited member or organization does not exist'],
  LEAVE_NOT_ATTENDEE: ['该党员不在本次活动的应到名单中', 'This member is not expected at the activity'],
  LEAVE_EXISTS: ['该党员已提交过请假', 'This member already asked for leave'],
  LEAVE_DECIDED: ['该请假已审批', 'The leave request was already decided'],
  CHECKIN_UNKNOWN_CARD: ['未登记的党员证', 'Unknown member card'],
  CHECKIN_CARD_REVOKED: ['该党员证已挂失或注销', 'This member card was reported lost or revoked'],
  CHECKIN_OUTSIDE_WINDOW: ['不在活动签到时间内（{from} 至 {until}）', 'Outside the check-in window ({from} to {until})'],
  CHECKIN_DEVICE_PLACE: ['本签到机不属于该活动的组织或地点', 'This kiosk is not bound to the activity’s organization or place'],
  CHECKIN_DEVICE_UNREGISTERED: ['该客户端未登记为签到机', 'This client is not registered as a check-in kiosk'],
  CHECKIN_QR_INVALID: ['二维码无效', 'Invalid QR code'],
  CHECKIN_QR_EXPIRED: ['二维码已过期，请刷新后再扫', 'The QR code expired; refresh it and scan again'],
  CHECKIN_ACTIVITY_CANCELLED: ['活动已取消，不能签到', 'The activity was cancelled; check-in is closed'],
  CHECKIN_MEMBER_INACTIVE: ['该党员党籍状态不能参加组织活动', 'This member’s standing does not allow attending'],
  CHECKIN_REMOTE_NOT_ALLOWED: ['本次活动不开放线上签到', 'This activity does not take remote check-ins'],
  CHECKIN_CREDENTIAL_CHANNEL: ['此签到方式不适用于当前登录方式', 'This credential cannot be used from this client'],
  CHECKIN_NONCE_REUSED: ['签到编号已被另一条签到使用', 'This nonce belongs to a different check-in'],
  CARD_NOT_ISSUED: ['该党员未登记党员证', 'This member has no card'],
  CARD_ALREADY_REVOKED: ['该党员证已注销', 'This card is already revoked'],
} as const satisfies Record<string, readonly [string, string]>;

/** Every stable error code. */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Renders the message of a code in a language, filling {params}. */
export function errorMessage(code: ErrorCode, lang: Lang, params: Record<string, unknown> = {}): string {
  const pair = ERROR_MESSAGES[code] ?? ERROR_MESSAGES.INTERNAL;
  const text = lang === 'en' ? pair[1] : pair[0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Picks the language from the hy_lang cookie or Accept-Language; Chinese by default. */
export function pickLang(cookieLang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookieLang === 'en' || cookieLang === 'zh-CN') return cookieLang;
  if (acceptLanguage && /^en\b/i.test(acceptLanguage.trim())) return 'en';
  return 'zh-CN';
}

/** Field-level messages by zod issue code, [zh-CN, en]. */
export const FIELD_MESSAGES: Record<string, readonly [string, string]> = {
  required: ['必填', 'Required'],
  invalid_type: ['类型不正确，应为 {expected}', 'Wrong type; expected {expected}'],
  too_small: ['过短或过小（最小 {minimum}）', 'Too short or too small (minimum {minimum})'],
  too_big: ['过长或过大（最大 {maximum}）', 'Too long or too large (maximum {maximum})'],
  invalid_format: ['格式不正确（{format}）', 'Wrong format ({format})'],
  invalid_value: ['取值不在允许范围内', 'Not one of the allowed values'],
  unrecognized_keys: ['不允许的字段', 'Unknown field'],
  not_multiple_of: ['数值不符合要求', 'Invalid number'],
  invalid_union: ['取值不正确', 'Invalid value'],
  custom: ['取值不正确', 'Invalid value'],
};

/** Renders a field message. */
export function fieldMessage(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  // Field problems raised by services carry error codes (PASSWORD_TOO_SHORT, …): use their message.
  const pair = FIELD_MESSAGES[code] ?? (ERROR_MESSAGES as Record<string, readonly [string, string]>)[code] ?? FIELD_MESSAGES.custom;
  const text = lang === 'en' ? pair[1] : pair[0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

// Frequently used passwords (public breach lists), compared case-insensitively.
export const commonPasswords = new Set([
  '123456', '123456789', '12345678', 'password', 'qwerty123', 'qwerty', '1234567890', '111111', '000000', '123123',
  'abc123', 'password1', 'password123', 'password123!', 'passw0rd', 'p@ssw0rd', 'p@ssword1', 'admin', 'admin123', 'admin@123',
  'admin123!', 'administrator', 'root', 'root123', 'welcome', 'welcome1', 'welcome123', 'iloveyou', 'woaini', 'woaini1314',
  '5201314', '1314520', 'qq123456', 'aa123456', 'a123456', 'a123456789', 'abc123456', 'abcd1234', 'abcd@1234', 'aa112233',
  '1qaz2wsx', '1qaz@wsx', '1qaz!qaz', 'qwe123', 'qweasd', 'qwerty1', 'zxcvbnm', 'asdfghjkl', 'asd123', 'zaq12wsx',
  '88888888', '66666666', '666666', '888888', '987654321', '654321', '7654321', '147258369', '159753', '123321',
  'letmein', 'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'shadow', 'master', 'superman',
  'trustno1', 'hello123', 'test123', 'test1234', 'changeme', 'default', 'guest', 'login', 'secret', 'starwars',
  'jimin', 'jimin123', 'jimin@123', 'minzheng', 'minzheng123', 'jining', 'jining123', 'china123', 'beijing', 'shandong',
  'huawei', 'huawei123', 'xiaomi', 'taobao', 'baidu123', 'q1w2e3r4', 'q1w2e3r4t5', '1q2w3e4r', '1q2w3e4r5t', 'qazwsx',
  'qazwsxedc', 'password@1', 'password@123', 'pass@123', 'pass1234', 'welcome@123', 'admin@1234', 'abc@123', 'aa123123', 'a1b2c3d4',
]);

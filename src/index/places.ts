import { foldDiacritics } from "./normalize.js";

// Place names a question may pin down, folded. A reviewed list, not learned: the provinces and
// centrally governed cities (the names in use before and after the 2025 mergers, since texts use
// both), the districts, towns and wards of Quảng Trị, and a few places citizens name often. Only
// names of two or more syllables: a one-syllable name ("Huế") is also a common word elsewhere.
const NAMES = [
  // Provinces and centrally governed cities.
  "An Giang", "Bà Rịa Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định",
  "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
  "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình",
  "Hồ Chí Minh", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng",
  "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
  "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
  "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái", "Sài Gòn",
  // Quảng Trị: the city, the town, the districts.
  "Đông Hà", "Vĩnh Linh", "Gio Linh", "Cam Lộ", "Triệu Phong", "Hải Lăng", "Hướng Hóa", "Đakrông", "Đa Krông", "Cồn Cỏ",
  "Khe Sanh", "Lao Bảo", "Cửa Việt", "Cửa Tùng", "Hiền Lương", "Bến Hải", "Thạch Hãn",
  // Places often confused with the ones above.
  "Đông Anh", "Đông Triều", "Đông Hòa", "Đông Hải", "Đông Sơn", "Đông Giang",
];

/** Folded place names (`"dong ha"`), for the question's place constraints. */
export const PLACE_NAMES: ReadonlySet<string> = new Set(
  NAMES.map((name) => foldDiacritics(name.normalize("NFC").toLowerCase()).replace(/\s+/g, " ")),
);

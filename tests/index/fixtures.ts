import type { CorpusDoc } from "../../src/index/types.js";

/** A document with defaults for the fields a test does not care about. */
export function doc(id: string, title: string, body: string, extra: Partial<CorpusDoc> = {}): CorpusDoc {
  return { id, type: "news", title, body, date: null, url: null, number: null, issuer: null, source: null, tags: [], ...extra };
}

/** A small corpus of real sentences (seed page, Labour Code) with near-miss neighbours. */
export const SMALL_CORPUS: CorpusDoc[] = [
  doc(
    "seed",
    "Phát huy truyền thống đoàn kết, thống nhất; tích cực tạo sự chuyển biến trong công tác xây dựng Đảng",
    "Đồng chí Lê Quang Chiến - UV BTV Tỉnh ủy, Bí thư Thành ủy Đông Hà\n" +
      "Công tác phát triển đảng viên được quyết liệt chỉ đạo, trong năm kết nạp 175 quần chúng vào Đảng, đạt 116,7% kế hoạch năm. " +
      "Hiện Đảng bộ thành phố có 67 tổ chức cơ sở đảng, gồm 16 Đảng bộ và 51 chi bộ cơ sở với tổng số đảng viên 7.210 đồng chí.\n" +
      "Kết quả tốc độ tăng tưởng kinh tế thành phố tăng 9,77% so với năm 2022. " +
      "Tổng thu ngân sách trên địa bàn sau loại trừ tiền sử dụng đất thực hiện 361,503 tỷ đồng, đạt 92,5% dự toán tỉnh.\n" +
      "Việc thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương về đẩy mạnh xây dựng, chỉnh đốn Đảng được triển khai sâu rộng.",
    { date: "2024-05-22" },
  ),
  doc("luat#105", "Điều 105. Thời giờ làm việc bình thường", "1. Thời giờ làm việc bình thường không quá 08 giờ trong 01 ngày và không quá 48 giờ trong 01 tuần.", {
    type: "document",
    number: "45/2019/QH14",
  }),
  doc("luat#169", "Điều 169. Tuổi nghỉ hưu", "Tuổi nghỉ hưu của người lao động được điều chỉnh theo lộ trình cho đến khi đủ 62 tuổi đối với lao động nam vào năm 2028 và đủ 60 tuổi đối với lao động nữ vào năm 2035.", {
    type: "document",
    number: "45/2019/QH14",
  }),
  doc("duong", "Sửa đường Lê Lợi", "Thành phố sửa chữa tuyến đường Lê Lợi trong tháng 6."),
  doc("duong-2", "Cây dương ven biển", "Trồng thêm cây dương chắn cát ven biển Gio Linh."),
  doc("scattered", "Tin vắn", "Ngân hàng mở chi nhánh mới. Sách giáo khoa được phát miễn phí cho học sinh."),
  doc("adjacent", "Ngân sách xã", "Ngân sách xã năm nay tăng so với năm trước."),
  doc("qd-da", "Đề án phát triển đô thị", "Đề án được phê duyệt.", { type: "document", number: "12/ĐA-UBND" }),
  doc("qd-dự-án", "Dự án nâng cấp chợ", "Dự án được phê duyệt.", { type: "document", number: "12/DA-UBND" }),
];
